package cluster

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
)

// StandInSecretValue is what the stand-in operator writes for every key: the tier has no
// cloud store to read, so no value is real.
const StandInSecretValue = "stand-in value"

var (
	externalSecretResource = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "externalsecrets"}
	secretStoreResource    = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "secretstores"}
)

// syncExternalSecrets plays the External Secrets Operator: an ExternalSecret whose every
// store exists gets its Secret (named after it, owned by it, one key per secretKey) and
// Ready True for its generation; one naming a missing store gets Ready False, as the
// operator reports. The values are StandInSecretValue.
func syncExternalSecrets(ctx context.Context, client kubernetes.Interface, dyn dynamic.Interface) {
	list, err := dyn.Resource(externalSecretResource).Namespace("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	for i := range list.Items {
		es := &list.Items[i]
		generation := es.GetGeneration()
		// The operator's syncedResourceVersion; here, the generation last synced.
		synced := fmt.Sprint(generation)
		if got, _, _ := unstructured.NestedString(es.Object, "status", "syncedResourceVersion"); got == synced {
			continue
		}
		ready := condition("Ready", "True", "SecretSynced", generation)
		data := map[string][]byte{}
		items, _, _ := unstructured.NestedSlice(es.Object, "spec", "data")
		for _, item := range items {
			item := item.(map[string]any)
			store, _, _ := unstructured.NestedString(item, "sourceRef", "storeRef", "name")
			if _, err := dyn.Resource(secretStoreResource).Namespace(es.GetNamespace()).Get(ctx, store, metav1.GetOptions{}); err != nil {
				ready = condition("Ready", "False", "SecretSyncedError", generation)
			}
			key, _ := item["secretKey"].(string)
			data[key] = []byte(StandInSecretValue)
		}
		if ready["status"] == "True" && !writeSecret(ctx, client, es, data) {
			continue
		}
		_ = unstructured.SetNestedSlice(es.Object, []any{ready}, "status", "conditions")
		if ready["status"] == "True" { // a missing store is looked for again
			_ = unstructured.SetNestedField(es.Object, synced, "status", "syncedResourceVersion")
		}
		_, _ = dyn.Resource(externalSecretResource).Namespace(es.GetNamespace()).UpdateStatus(ctx, es, metav1.UpdateOptions{})
	}
}

func writeSecret(ctx context.Context, client kubernetes.Interface, es *unstructured.Unstructured, data map[string][]byte) bool {
	controller := true
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: es.GetName(), Namespace: es.GetNamespace(), OwnerReferences: []metav1.OwnerReference{{
			APIVersion: "external-secrets.io/v1", Kind: "ExternalSecret", Name: es.GetName(), UID: es.GetUID(), Controller: &controller,
		}}},
		Data: data,
	}
	secrets := client.CoreV1().Secrets(es.GetNamespace())
	_, err := secrets.Create(ctx, secret, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		_, err = secrets.Update(ctx, secret, metav1.UpdateOptions{})
	}
	return err == nil
}
