package cluster

import (
	"context"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
)

// GatewayController is the controller name the stand-in writes into route status.
const GatewayController = "k8s-service.test/gateway"

var (
	gatewayResource = schema.GroupVersionResource{Group: "gateway.networking.k8s.io", Version: "v1", Resource: "gateways"}
	routeResources  = []schema.GroupVersionResource{
		{Group: "gateway.networking.k8s.io", Version: "v1", Resource: "httproutes"},
		{Group: "gateway.networking.k8s.io", Version: "v1", Resource: "grpcroutes"},
	}
)

// acceptRoutes plays a Gateway API controller for every Gateway in the cluster: each
// route's parent that is an existing Gateway (but a real controller's) gets Accepted, and ResolvedRefs true when
// every backend Service exists (false, BackendNotFound, otherwise), for the route's
// current generation. Parents that are no Gateway get no status, as no controller owns them.
func acceptRoutes(ctx context.Context, client kubernetes.Interface, dyn dynamic.Interface) {
	for _, res := range routeResources {
		routes, err := dyn.Resource(res).Namespace("").List(ctx, metav1.ListOptions{})
		if err != nil {
			continue
		}
		for i := range routes.Items {
			route := &routes.Items[i]
			if status := routeStatus(ctx, client, dyn, route); status != nil && !sameStatus(route, status) {
				_ = unstructured.SetNestedSlice(route.Object, status, "status", "parents")
				_, _ = dyn.Resource(res).Namespace(route.GetNamespace()).UpdateStatus(ctx, route, metav1.UpdateOptions{})
			}
		}
	}
}

func routeStatus(ctx context.Context, client kubernetes.Interface, dyn dynamic.Interface, route *unstructured.Unstructured) []any {
	refs, _, _ := unstructured.NestedSlice(route.Object, "spec", "parentRefs")
	resolved := condition("ResolvedRefs", "True", "ResolvedRefs", route.GetGeneration())
	rules, _, _ := unstructured.NestedSlice(route.Object, "spec", "rules")
	for _, rule := range rules {
		backends, _, _ := unstructured.NestedSlice(rule.(map[string]any), "backendRefs")
		for _, b := range backends {
			name, _ := b.(map[string]any)["name"].(string)
			if _, err := client.CoreV1().Services(route.GetNamespace()).Get(ctx, name, metav1.GetOptions{}); apierrors.IsNotFound(err) {
				resolved = condition("ResolvedRefs", "False", "BackendNotFound", route.GetGeneration())
			}
		}
	}
	var parents []any
	for _, ref := range refs {
		ref := ref.(map[string]any)
		namespace, _ := ref["namespace"].(string)
		if namespace == "" {
			namespace = route.GetNamespace()
		}
		name, _ := ref["name"].(string)
		gateway, err := dyn.Resource(gatewayResource).Namespace(namespace).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			continue
		}
		if class, _, _ := unstructured.NestedString(gateway.Object, "spec", "gatewayClassName"); class == RealIngressClass {
			continue // a real controller's
		}
		parents = append(parents, map[string]any{
			"parentRef":      ref,
			"controllerName": GatewayController,
			"conditions":     []any{condition("Accepted", "True", "Accepted", route.GetGeneration()), resolved},
		})
	}
	return parents
}

func condition(typ, status, reason string, generation int64) map[string]any {
	return map[string]any{
		"type": typ, "status": status, "reason": reason, "message": "stand-in Gateway controller",
		"observedGeneration": generation, "lastTransitionTime": metav1.Now().UTC().Format("2006-01-02T15:04:05Z"),
	}
}

// sameStatus: the route's status already says what status would (bar the times).
func sameStatus(route *unstructured.Unstructured, status []any) bool {
	current, _, _ := unstructured.NestedSlice(route.Object, "status", "parents")
	if len(current) != len(status) {
		return false
	}
	for i := range status {
		want := status[i].(map[string]any)["conditions"].([]any)
		got, _ := current[i].(map[string]any)["conditions"].([]any)
		if len(got) != len(want) {
			return false
		}
		for j := range want {
			w, g := want[j].(map[string]any), got[j].(map[string]any)
			if g["status"] != w["status"] || g["reason"] != w["reason"] || g["observedGeneration"] != w["observedGeneration"] {
				return false
			}
		}
	}
	return true
}
