package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// The release's StatefulSet await (provider/pkg/await/statefulset.go, #4094) trusts the
// status only once status.observedGeneration has reached the object's generation; the
// tier's build could report a rollout done from the previous generation's status (a
// re-created StatefulSet "ready" with 0 of 0 pods). After the provider reports a
// StatefulSet created or updated, releaseStatefulSets waits as the release would.

const statefulSetType = "kubernetes:apps/v1:StatefulSet"

var statefulSets = schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "statefulsets"}

// awaitRollout waits until the StatefulSet the provider created or updated (id
// "namespace/name") has rolled out by the release's rules, or fails as the release does on
// a timeout: a partial error, so the engine records the object. props are the provider's
// answer; timeout is the request's, in seconds.
func (c *releaseCreates) awaitRollout(ctx context.Context, urn resource.URN, id string, props *structpb.Struct, timeout float64, inputs *structpb.Struct) error {
	c.mu.Lock()
	client, configErr := c.client, c.configErr
	c.mu.Unlock()
	if client == nil || configErr != nil || string(urn.Type()) != statefulSetType {
		return nil
	}
	live, err := plugin.UnmarshalProperties(props, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		return nil
	}
	annotations, _ := live.Mappable()["metadata"].(map[string]any)["annotations"].(map[string]any)
	if annotations["pulumi.com/skipAwait"] == "true" {
		return nil
	}
	seconds := 600.0 // the release's default for a StatefulSet
	if timeout > 0 {
		seconds = timeout
	}
	if s, ok := annotations["pulumi.com/timeoutSeconds"].(string); ok {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			seconds = v
		}
	}
	namespace, name, _ := strings.Cut(id, "/")
	deadline := time.Now().Add(time.Duration(seconds * float64(time.Second)))
	var last string
	for {
		obj, err := client.Resource(statefulSets).Namespace(namespace).Get(ctx, name, metav1.GetOptions{})
		if err == nil {
			var ready bool
			if ready, last = rolledOut(obj); ready {
				return nil
			}
		}
		if time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
		case <-c.cancelled:
			last = "cancelled; " + last
		case <-time.After(500 * time.Millisecond):
			continue
		}
		break
	}
	st := status.New(codes.Unknown, fmt.Sprintf("resource %q was not successfully created or updated: timed out waiting for the StatefulSet to roll out (%s)", urn, last))
	detailed, err := st.WithDetails(&pulumirpc.ErrorResourceInitFailed{Id: id, Properties: props, Inputs: inputs,
		Reasons: []string{"the StatefulSet did not roll out: " + last}})
	if err != nil {
		return st.Err()
	}
	return detailed.Err()
}

// rolledOut is the release's readiness of a StatefulSet, and what it is waiting for.
func rolledOut(obj *unstructured.Unstructured) (bool, string) {
	generation := obj.GetGeneration()
	observed, _, _ := unstructured.NestedInt64(obj.Object, "status", "observedGeneration")
	if generation == 0 || observed < generation {
		return false, fmt.Sprintf("generation %d not observed yet (%d)", generation, observed)
	}
	replicas, found, _ := unstructured.NestedInt64(obj.Object, "spec", "replicas")
	if !found {
		replicas = 1
	}
	count := func(field string) int64 { v, _, _ := unstructured.NestedInt64(obj.Object, "status", field); return v }
	strategy, _, _ := unstructured.NestedString(obj.Object, "spec", "updateStrategy", "type")
	current, _, _ := unstructured.NestedString(obj.Object, "status", "currentRevision")
	update, _, _ := unstructured.NestedString(obj.Object, "status", "updateRevision")
	if generation > 1 && strategy == "OnDelete" {
		return replicas == count("replicas") && replicas == count("readyReplicas"), fmt.Sprintf("%d of %d ready", count("readyReplicas"), replicas)
	}
	ready := current != "" && current == update && replicas == count("replicas") && replicas == count("readyReplicas") && replicas == count("currentReplicas")
	return ready, fmt.Sprintf("%d of %d ready, %d current, revision %s → %s", count("readyReplicas"), replicas, count("currentReplicas"), current, update)
}

// respondedProps reads the id and properties of a Create or Update answer.
func respondedProps(method string, raw frame) (string, *structpb.Struct, bool) {
	if method == createMethod {
		var resp pulumirpc.CreateResponse
		if proto.Unmarshal(raw, &resp) != nil {
			return "", nil, false
		}
		return resp.GetId(), resp.GetProperties(), true
	}
	var resp pulumirpc.UpdateResponse
	if proto.Unmarshal(raw, &resp) != nil {
		return "", nil, false
	}
	return "", resp.GetProperties(), true
}

// afterWrite waits, after a successful create or update that is not a preview, for what
// the release would still wait for.
func (c *releaseCreates) afterWrite(ctx context.Context, method string, rawReq, rawResp frame) error {
	var urn, id string
	var preview bool
	var timeout float64
	var inputs *structpb.Struct
	if method == createMethod {
		var req pulumirpc.CreateRequest
		if proto.Unmarshal(rawReq, &req) != nil {
			return nil
		}
		urn, preview, timeout, inputs = req.GetUrn(), req.GetPreview(), req.GetTimeout(), req.GetProperties()
	} else {
		var req pulumirpc.UpdateRequest
		if proto.Unmarshal(rawReq, &req) != nil {
			return nil
		}
		urn, id, preview, timeout, inputs = req.GetUrn(), req.GetId(), req.GetPreview(), req.GetTimeout(), req.GetNews()
	}
	respID, props, ok := respondedProps(method, rawResp)
	if preview || !ok {
		return nil
	}
	if respID != "" {
		id = respID
	}
	return c.awaitRollout(ctx, resource.URN(urn), id, props, timeout, inputs)
}
