package aws

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// CloudSecret is one secret from Secrets Manager or one SSM parameter, read by the
// External Secrets Operator as the service account's IAM role.
type CloudSecret struct {
	Env     *string            `pulumi:"env,optional"`
	Path    *string            `pulumi:"path,optional"`
	Arn     pulumi.StringInput `pulumi:"arn"`
	Service *SecretService     `pulumi:"service,optional"`
	Key     *string            `pulumi:"key,optional"`
	Version *string            `pulumi:"version,optional"`
}

// Annotate documents CloudSecret.
func (s *CloudSecret) Annotate(a infer.Annotator) {
	a.SetToken("aws", "CloudSecret")
	core.DescribeDelivery(a, &s.Env, &s.Path)
	a.Describe(s, "A secret from AWS Secrets Manager or an SSM parameter, synced into the pods by the External Secrets "+
		"Operator as the service account's IAM role, which is granted reading exactly this ARN.")
	a.Describe(&s.Arn, "The secret's or parameter's full ARN, e.g. an aws.secretsmanager.Secret's `arn` output.")
	a.Describe(&s.Service, "`secretsManager` (default) or `parameterStore`, as the ARN says.")
	a.Describe(&s.Key, "A field of a JSON secret to deliver instead of the whole value.")
	a.Describe(&s.Version, "A pinned version: a Secrets Manager version stage (e.g. `AWSCURRENT`) or `uuid/<versionId>`, "+
		"or an SSM parameter's version number. Changing it rolls the pods; unpinned, the current version is read "+
		"again every hour and reaches new pods only.")
}

// Delivery is where the secret is delivered.
func (s CloudSecret) Delivery() core.SecretDelivery {
	return core.SecretDelivery{Env: s.Env, Path: s.Path}
}

// SecretService is the AWS service a CloudSecret is read from.
type SecretService string

const (
	secretsManager SecretService = "secretsManager"
	parameterStore SecretService = "parameterStore"
)

// Values lists the services.
func (SecretService) Values() []infer.EnumValue[SecretService] {
	return []infer.EnumValue[SecretService]{
		{Name: "SecretsManager", Value: secretsManager, Description: "AWS Secrets Manager (arn:aws:secretsmanager:...:secret:...)."},
		{Name: "ParameterStore", Value: parameterStore, Description: "SSM Parameter Store (arn:aws:ssm:...:parameter/...)."},
	}
}

// Annotate names the enum.
func (s *SecretService) Annotate(a infer.Annotator) {
	a.SetToken("aws", "SecretService")
	a.Describe(s, "The AWS service a cloud secret is read from.")
}

// secretServices are each service's ARN part and resource prefix, IAM action and the
// External Secrets Operator's name for it.
var secretServices = map[SecretService]struct{ arnService, resourcePrefix, action, operatorName string }{
	secretsManager: {"secretsmanager", "secret:", "secretsmanager:GetSecretValue", "SecretsManager"},
	parameterStore: {"ssm", "parameter/", "ssm:GetParameter", "ParameterStore"},
}

var digits = regexp.MustCompile(`^[0-9]+$`)

func (s CloudSecret) service() SecretService {
	if s.Service == nil {
		return secretsManager
	}
	return *s.Service
}

// validateCloudSecrets checks each reference and that every known ARN of one service is
// in one region (the service's SecretStore has one).
func (a *ServiceArgs) validateCloudSecrets() field.ErrorList {
	if len(a.CloudSecrets) == 0 {
		return nil
	}
	p := field.NewPath("cloudSecrets")
	errs := core.ValidateSecretDeliveries(&a.ServiceArgs, a.CloudSecrets, p)
	if a.OidcProviderArn == nil {
		errs = append(errs, field.Forbidden(p, "the External Secrets Operator reads them as the service account's IAM role, "+
			"which needs oidcProviderArn and oidcIssuerUrl"))
	}
	regions := map[SecretService]string{}
	for i, s := range a.CloudSecrets {
		sp := p.Index(i)
		if e := core.CheckEnum(s.service(), sp.Child("service")); len(e) > 0 {
			errs = append(errs, e...)
			continue
		}
		if s.Version != nil && s.service() == parameterStore && !digits.MatchString(*s.Version) {
			errs = append(errs, field.Invalid(sp.Child("version"), *s.Version, "must be the parameter's version number"))
		}
		if s.Arn == nil {
			errs = append(errs, field.Required(sp.Child("arn"), "the ARN of the secret or parameter"))
			continue
		}
		arn, ok := core.KnownString(s.Arn)
		if !ok {
			continue
		}
		region, err := secretRegion(s.service(), arn)
		if err != nil {
			errs = append(errs, field.Invalid(sp.Child("arn"), arn, err.Error()))
			continue
		}
		if first, seen := regions[s.service()]; seen && first != region {
			errs = append(errs, field.Invalid(sp.Child("arn"), arn, fmt.Sprintf("must be in %s, as the other %s ARNs", first, s.service())))
		}
		regions[s.service()] = region
	}
	return errs
}

// secretRegion is the region of a secret's or parameter's ARN, which must name one of
// the service's resources, without wildcards.
func secretRegion(service SecretService, arn string) (string, error) {
	svc := secretServices[service]
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != svc.arnService || parts[3] == "" ||
		!strings.HasPrefix(parts[5], svc.resourcePrefix) || len(parts[5]) == len(svc.resourcePrefix) || strings.Contains(arn, "*") {
		return "", fmt.Errorf("must be the full ARN of one %s resource (arn:aws:%s:<region>:<account>:%s...), without wildcards",
			service, svc.arnService, svc.resourcePrefix)
	}
	return parts[3], nil
}

// cloudSecrets are the stores (one per service used, in the region of its ARNs) and the
// references the core syncs. The stores authenticate with the service account's token,
// which the operator exchanges for the IRSA role (its eks.amazonaws.com/role-arn).
func (a *ServiceArgs) cloudSecrets(name string) core.CloudSecrets {
	var out core.CloudSecrets
	for _, service := range []SecretService{secretsManager, parameterStore} {
		var arns []any
		for _, s := range a.CloudSecrets {
			if s.service() == service {
				arns = append(arns, s.Arn)
			}
		}
		if len(arns) == 0 {
			continue
		}
		region := pulumi.All(arns...).ApplyT(func(v []any) (string, error) {
			var first string
			for i, arn := range v {
				region, err := secretRegion(service, arn.(string))
				if err == nil && i > 0 && region != first {
					err = fmt.Errorf("must be in %s, as the other %s ARNs", first, service)
				}
				if err != nil {
					return "", fmt.Errorf("cloudSecrets: %s: %w", arn, err)
				}
				first = region
			}
			return first, nil
		}).(pulumi.StringOutput)
		out.Stores = append(out.Stores, core.SecretStore{Suffix: "-" + strings.ToLower(secretServices[service].operatorName), Provider: pulumi.Map{
			"aws": pulumi.Map{
				"service": pulumi.String(secretServices[service].operatorName),
				"region":  region,
				"auth":    pulumi.Map{"jwt": pulumi.Map{"serviceAccountRef": pulumi.Map{"name": pulumi.String(name)}}},
			},
		}})
	}
	for _, s := range a.CloudSecrets {
		env, path := s.Delivery().Target()
		out.Refs = append(out.Refs, core.CloudSecretRef{
			Store: "-" + strings.ToLower(secretServices[s.service()].operatorName),
			Key:   s.Arn, Property: deref(s.Key), Version: deref(s.Version), Env: env, Path: path,
		})
	}
	return out
}

// secretsPolicy grants reading exactly the referenced secrets and parameters: one
// statement per service, on their ARNs.
func secretsPolicy(secrets []CloudSecret) pulumi.StringOutput {
	arns := make([]any, len(secrets))
	for i, s := range secrets {
		arns[i] = s.Arn
	}
	return pulumi.All(arns...).ApplyT(func(v []any) (string, error) {
		doc := policyDocument{Version: "2012-10-17"}
		for _, service := range []SecretService{secretsManager, parameterStore} {
			var resources []string
			for i, s := range secrets {
				if s.service() == service {
					resources = append(resources, v[i].(string))
				}
			}
			if len(resources) > 0 {
				doc.Statement = append(doc.Statement, statement{
					Sid: "Read" + secretServices[service].operatorName, Effect: "Allow",
					Action: []string{secretServices[service].action}, Resource: resources,
				})
			}
		}
		return doc.json()
	}).(pulumi.StringOutput)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
