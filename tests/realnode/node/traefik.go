package node

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
)

// Traefik runs as a process of the node and serves both the Kubernetes Ingresses of class
// TraefikClass and the Gateway API routes of Gateways of the GatewayClass TraefikClass, on
// the node's address: requests reach the pods through it for real. It publishes its
// address in the Ingresses' and routes' status. Its version checks and usage reports are
// off: nothing of it leaves the machine.
const (
	TraefikClass = "traefik"
	// TraefikPort is the entry point's port, and the port a Gateway's listener must name.
	TraefikPort        = 8000
	traefikPingAddress = "127.0.0.1:8082"
	traefikController  = "traefik.io/ingress-controller"
	traefikGateways    = "traefik.io/gateway-controller"
)

func (n *Node) startTraefik(ctx context.Context, dyn dynamic.Interface) error {
	// A copy in the node's dir, so that its command line names the node (killProcesses).
	ca := filepath.Join(dataDir, "apiserver-ca.crt")
	body, err := os.ReadFile(n.opts.APIServerCA)
	if err != nil {
		return err
	}
	if err := os.WriteFile(ca, body, 0o600); err != nil {
		return err
	}
	endpoint, token := n.config.Host, n.config.BearerToken
	provider := func(name string) []string {
		return []string{
			"--providers." + name + ".endpoint=" + endpoint,
			"--providers." + name + ".token=" + token,
			"--providers." + name + ".certAuthFilePath=" + ca,
		}
	}
	args := []string{
		fmt.Sprintf("--entryPoints.web.address=%s:%d", IP, TraefikPort),
		"--entryPoints.ping.address=" + traefikPingAddress, "--ping=true", "--ping.entryPoint=ping",
		"--global.checkNewVersion=false", "--global.sendAnonymousUsage=false",
		"--providers.kubernetesIngress=true", "--providers.kubernetesIngress.ingressEndpoint.ip=" + IP,
		"--providers.kubernetesGateway=true", "--providers.kubernetesGateway.statusAddress.ip=" + IP,
		"--log.level=INFO",
	}
	args = append(args, provider("kubernetesIngress")...)
	args = append(args, provider("kubernetesGateway")...)
	if err := n.registerTraefikClasses(ctx, dyn); err != nil {
		return err
	}
	if err := n.run("traefik", filepath.Join(n.opts.Bin, "traefik"), args...); err != nil {
		return err
	}
	return n.waitFor(ctx, 60*time.Second, func() bool { return healthy("http://" + traefikPingAddress + "/ping") })
}

// registerTraefikClasses creates the IngressClass and the GatewayClass Traefik serves.
func (n *Node) registerTraefikClasses(ctx context.Context, dyn dynamic.Interface) error {
	class := &networkingv1.IngressClass{
		ObjectMeta: metav1.ObjectMeta{Name: TraefikClass},
		Spec:       networkingv1.IngressClassSpec{Controller: traefikController},
	}
	if _, err := n.client.NetworkingV1().IngressClasses().Create(ctx, class, metav1.CreateOptions{}); err != nil {
		return err
	}
	gatewayClass := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass",
		"metadata": map[string]any{"name": TraefikClass},
		"spec":     map[string]any{"controllerName": traefikGateways},
	}}
	_, err := dyn.Resource(schema.GroupVersionResource{Group: "gateway.networking.k8s.io", Version: "v1", Resource: "gatewayclasses"}).
		Create(ctx, gatewayClass, metav1.CreateOptions{})
	return err
}
