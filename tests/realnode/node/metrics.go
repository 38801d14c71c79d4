package node

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
)

// metrics-server runs beside the kubelet, as a process of the node, and serves the
// resource metrics API (metrics.k8s.io) through the API server's aggregation layer, so
// that the HorizontalPodAutoscaler sees the real pods' CPU and memory. It scrapes the
// kubelet's /metrics/resource (anonymous, as the kubelet here allows).
const (
	metricsServerPort = 4443
	metricsNamespace  = "kube-system"
	metricsService    = "metrics-server"
)

func (n *Node) startMetricsServer(ctx context.Context, dyn dynamic.Interface) error {
	if err := n.run("metrics-server", filepath.Join(n.opts.Bin, "metrics-server"),
		"--kubeconfig="+nodeKubeconfig,
		"--authentication-kubeconfig="+nodeKubeconfig,
		"--authorization-kubeconfig="+nodeKubeconfig,
		"--bind-address="+IP, fmt.Sprintf("--secure-port=%d", metricsServerPort),
		"--cert-dir="+filepath.Join(dataDir, "metrics-server"),
		"--kubelet-insecure-tls", "--kubelet-preferred-address-types=InternalIP",
		"--metric-resolution=10s", "--kubelet-request-timeout=5s"); err != nil {
		return err
	}
	if err := n.registerMetricsAPI(ctx, dyn); err != nil {
		return err
	}
	// Available once the aggregator reaches it; then the API lists the node.
	return n.waitFor(ctx, 90*time.Second, func() bool {
		_, err := dyn.Resource(schema.GroupVersionResource{Group: "metrics.k8s.io", Version: "v1beta1", Resource: "nodes"}).
			Get(ctx, Name, metav1.GetOptions{})
		return err == nil
	})
}

// registerMetricsAPI points metrics.k8s.io at the node's metrics-server: a Service without
// a selector, its Endpoints on the node's address (what the aggregator's resolver reads; the
// mirroring controller makes the EndpointSlice), and the APIService.
func (n *Node) registerMetricsAPI(ctx context.Context, dyn dynamic.Interface) error {
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: metricsService, Namespace: metricsNamespace},
		Spec:       corev1.ServiceSpec{Ports: []corev1.ServicePort{{Name: "https", Port: 443, Protocol: corev1.ProtocolTCP}}},
	}
	if _, err := n.client.CoreV1().Services(metricsNamespace).Create(ctx, svc, metav1.CreateOptions{}); err != nil {
		return err
	}
	endpoints := &corev1.Endpoints{ //nolint:staticcheck // the aggregator's resolver reads Endpoints
		ObjectMeta: metav1.ObjectMeta{Name: metricsService, Namespace: metricsNamespace},
		Subsets: []corev1.EndpointSubset{{
			Addresses: []corev1.EndpointAddress{{IP: IP}},
			Ports:     []corev1.EndpointPort{{Name: "https", Port: metricsServerPort, Protocol: corev1.ProtocolTCP}},
		}},
	}
	if _, err := n.client.CoreV1().Endpoints(metricsNamespace).Create(ctx, endpoints, metav1.CreateOptions{}); err != nil {
		return err
	}
	apiService := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apiregistration.k8s.io/v1",
		"kind":       "APIService",
		"metadata":   map[string]any{"name": "v1beta1.metrics.k8s.io"},
		"spec": map[string]any{
			"group": "metrics.k8s.io", "version": "v1beta1",
			"service":               map[string]any{"name": metricsService, "namespace": metricsNamespace, "port": int64(443)},
			"insecureSkipTLSVerify": true, "groupPriorityMinimum": int64(100), "versionPriority": int64(100),
		},
	}}
	_, err := dyn.Resource(schema.GroupVersionResource{Group: "apiregistration.k8s.io", Version: "v1", Resource: "apiservices"}).
		Create(ctx, apiService, metav1.CreateOptions{})
	return err
}
