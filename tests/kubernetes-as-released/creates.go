package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
)

// releaseCreates decides, as the 4.30.0 release does, whether a create meets an existing
// object. It reads the provider's configuration the way the release does
// (provider/pkg/provider/provider.go, Configure): the kubeconfig (path or contents), context
// and cluster, server-side apply, YAML rendering and upsertExistingObjects, with
// PULUMI_K8S_UPSERT_EXISTING_OBJECTS as the fallback.
type releaseCreates struct {
	mu        sync.Mutex
	upsert    bool // creates are upserts: the release would not fail either
	namespace string
	client    dynamic.Interface
	mapper    *restmapper.DeferredDiscoveryRESTMapper
	configErr error
	// cancelled is closed when the engine cancels the provider's operations (Cancel).
	cancelled  chan struct{}
	cancelOnce sync.Once
}

func (c *releaseCreates) cancel() { c.cancelOnce.Do(func() { close(c.cancelled) }) }

func (c *releaseCreates) configure(raw frame) error {
	var req pulumirpc.ConfigureRequest
	if err := proto.Unmarshal(raw, &req); err != nil {
		return err
	}
	vars := req.GetVariables()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.upsert = flag(vars, "upsertExistingObjects", "PULUMI_K8S_UPSERT_EXISTING_OBJECTS") ||
		// Client-side apply mode and YAML rendering never upserted: nothing differs.
		vars["kubernetes:config:enableServerSideApply"] == "false" ||
		vars["kubernetes:config:renderYamlToDirectory"] != ""
	overrides := &clientcmd.ConfigOverrides{}
	overrides.CurrentContext = vars["kubernetes:config:context"]
	overrides.Context.Cluster = vars["kubernetes:config:cluster"]
	var config clientcmd.ClientConfig
	if kubeconfig := vars["kubernetes:config:kubeconfig"]; kubeconfig != "" {
		api, err := clientcmd.Load([]byte(kubeconfig))
		if err != nil {
			if api, err = clientcmd.LoadFromFile(kubeconfig); err != nil {
				c.configErr = err
				return nil // the provider itself says what is wrong
			}
		}
		config = clientcmd.NewDefaultClientConfig(*api, overrides)
	} else {
		config = clientcmd.NewNonInteractiveDeferredLoadingClientConfig(clientcmd.NewDefaultClientConfigLoadingRules(), overrides)
	}
	if ns := vars["kubernetes:config:namespace"]; ns != "" {
		c.namespace = ns
	} else if ns, _, err := config.Namespace(); err == nil {
		c.namespace = ns
	}
	rest, err := config.ClientConfig()
	if err != nil {
		c.configErr = err
		return nil
	}
	c.client, c.configErr = dynamic.NewForConfig(rest)
	if c.configErr == nil {
		dc, err := discovery.NewDiscoveryClientForConfig(rest)
		c.configErr = err
		if err == nil {
			c.mapper = restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
		}
	}
	return nil
}

func flag(vars map[string]string, key, env string) bool {
	if v, ok := vars["kubernetes:config:"+key]; ok {
		return v == "true"
	}
	return os.Getenv(env) == "true"
}

// answer is what the release answers to a create of an object that exists, or nil when the
// real provider should answer: an update's failure with the release's message, a preview's
// inputs as they are (the release's dry-run create fails with AlreadyExists, which a preview
// reports as the inputs unchanged).
func (c *releaseCreates) answer(ctx context.Context, raw frame) (frame, error) {
	var req pulumirpc.CreateRequest
	if err := proto.Unmarshal(raw, &req); err != nil {
		return nil, err
	}
	c.mu.Lock()
	upsert, client, mapper, namespace, configErr := c.upsert, c.client, c.mapper, c.namespace, c.configErr
	c.mu.Unlock()
	if upsert || configErr != nil || client == nil {
		return nil, nil
	}
	urn := resource.URN(req.GetUrn())
	if !urn.IsValid() || urn.Type().Package() != "kubernetes" {
		return nil, nil
	}
	props, err := plugin.UnmarshalProperties(req.GetProperties(), plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		return nil, nil
	}
	obj := props.Mappable()
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	metadata, _ := obj["metadata"].(map[string]any)
	name, _ := metadata["name"].(string)
	ns, _ := metadata["namespace"].(string)
	// A Patch resource's create is a server-side apply on the release too; an object whose
	// name is not known yet cannot be looked up (the release does not dry-run it either).
	if kind == "" || name == "" || kind+"Patch" == string(urn.Type().Name()) || props["metadata"].ContainsUnknowns() {
		return nil, nil
	}
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return nil, nil
	}
	mapping, err := mapper.RESTMapping(gv.WithKind(kind).GroupKind(), gv.Version)
	if meta.IsNoMatchError(err) {
		mapper.Reset() // a CRD created in this update
		mapping, err = mapper.RESTMapping(gv.WithKind(kind).GroupKind(), gv.Version)
	}
	if err != nil {
		return nil, nil // the provider retries and reports a missing CRD itself
	}
	objects := dynamic.ResourceInterface(client.Resource(mapping.Resource))
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		if ns == "" {
			ns = namespace
		}
		if ns == "" {
			ns = metav1.NamespaceDefault
		}
		objects = client.Resource(mapping.Resource).Namespace(ns)
	}
	if _, err := objects.Get(ctx, name, metav1.GetOptions{}); err != nil {
		return nil, nil // not there (or not readable): the provider's own create decides
	}
	if req.GetPreview() {
		out, err := proto.Marshal(&pulumirpc.CreateResponse{Properties: req.GetProperties()})
		return out, err
	}
	exists := apierrors.NewAlreadyExists(mapping.Resource.GroupResource(), name)
	return nil, status.Error(codes.Unknown, fmt.Sprintf(
		"resource %q was not successfully created by the Kubernetes API server: %v\n\n%s", urn, exists, alreadyExistsHint))
}

// alreadyExistsHint is the release's own text (provider/pkg/await/await.go, Creation).
const alreadyExistsHint = "The resource already exists in the cluster. This can happen when:\n\n" +
	"  - Renaming a Pulumi resource: use an alias to preserve the identity,\n" +
	"    or use deleteBeforeReplace if the resource needs replacement.\n" +
	"  - Managing an existing resource: use a Patch resource (e.g. NamespacePatch)\n" +
	"    to manage specific fields without owning the resource lifecycle.\n" +
	"  - Adopting a resource into Pulumi: use `pulumi import`. Note that\n" +
	"    protected resources (e.g. kube-system) cannot be deleted on destroy.\n" +
	"  - Intentional upsert: set upsertExistingObjects on the provider to allow\n" +
	"    server-side apply to update existing objects on create."
