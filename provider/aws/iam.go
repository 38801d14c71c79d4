package aws

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// policyDocument is an IAM policy; built as data and marshalled, never templated.
type policyDocument struct {
	Version   string      `json:"Version"`
	Statement []statement `json:"Statement"`
}

type statement struct {
	Sid       string                       `json:"Sid,omitempty"`
	Effect    string                       `json:"Effect"`
	Principal map[string]string            `json:"Principal,omitempty"`
	Action    []string                     `json:"Action"`
	Resource  []string                     `json:"Resource,omitempty"`
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

func (d policyDocument) json() (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

// TrustPolicy lets exactly one Kubernetes service account assume the role through the
// cluster's OIDC provider, for the STS audience only.
func TrustPolicy(providerArn, issuerURL, namespace, serviceAccount string) (string, error) {
	issuer := strings.TrimPrefix(issuerURL, "https://")
	return policyDocument{Version: "2012-10-17", Statement: []statement{{
		Effect:    "Allow",
		Principal: map[string]string{"Federated": providerArn},
		Action:    []string{"sts:AssumeRoleWithWebIdentity"},
		Condition: map[string]map[string]string{"StringEquals": {
			issuer + ":sub": fmt.Sprintf("system:serviceaccount:%s:%s", namespace, serviceAccount),
			issuer + ":aud": "sts.amazonaws.com",
		}},
	}}}.json()
}

// LinkPolicy is the least-privilege policy for the links, one statement per grant.
func LinkPolicy(links []ResolvedLink) (string, error) {
	doc := policyDocument{Version: "2012-10-17"}
	for i, l := range links {
		for j, g := range grants[l.Type][l.Access] {
			doc.Statement = append(doc.Statement, statement{
				Sid:      fmt.Sprintf("Link%d%s%d", i, sidWord(l.Type), j),
				Effect:   "Allow",
				Action:   g.actions,
				Resource: []string{l.Arn + g.suffix},
			})
		}
	}
	return doc.json()
}

// sidWord is a link type as a word of a statement id, which allows only letters and
// digits: s3 → S3, rds-db → RdsDb.
func sidWord(typ string) string {
	var word strings.Builder
	for _, part := range strings.Split(typ, "-") {
		word.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return word.String()
}

// ResolvedLink is a link whose ARN is known.
type ResolvedLink struct {
	Type, Access, Arn string
}

// registerRole creates the IRSA role, its link policy and its attachments.
func registerRole(ctx *pulumi.Context, name string, args *ServiceArgs, namespace pulumi.StringInput,
	opts []pulumi.ResourceOption,
) (*iam.Role, error) {
	trust := pulumi.All(args.OidcProviderArn, args.OidcIssuerUrl, namespace).ApplyT(func(v []any) (string, error) {
		return TrustPolicy(v[0].(string), v[1].(string), v[2].(string), name)
	}).(pulumi.StringOutput)
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		AssumeRolePolicy: trust,
		Description:      pulumi.Sprintf("k8s-service %s: the Kubernetes service account's role (IRSA)", name),
	}, opts...)
	if err != nil {
		return nil, err
	}
	if granting := grantingLinks(args.Links); len(granting) > 0 {
		if _, err := iam.NewRolePolicy(ctx, name+"-links", &iam.RolePolicyArgs{
			Role:   role.Name,
			Policy: linkPolicy(granting),
		}, opts...); err != nil {
			return nil, err
		}
	}
	if len(args.CloudSecrets) > 0 {
		if _, err := iam.NewRolePolicy(ctx, name+"-secrets", &iam.RolePolicyArgs{
			Role:   role.Name,
			Policy: secretsPolicy(args.CloudSecrets),
		}, opts...); err != nil {
			return nil, err
		}
	}
	for i, policy := range args.AdditionalIamPolicies {
		// Named by the policy (`arn:aws:iam::aws:policy/ReadOnlyAccess` → `<name>-policy-aws-policy-ReadOnlyAccess`).
		attachment, alias := core.EntryName(name+"-policy", i, func(v []string) string { return arnName(v[0]) }, policy)
		if _, err := iam.NewRolePolicyAttachment(ctx, attachment, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: policy,
		}, append(opts, alias)...); err != nil {
			return nil, err
		}
	}
	return role, nil
}

// linkPolicy renders LinkPolicy once every link's ARN is known.
func linkPolicy(links []grantingLink) pulumi.StringOutput {
	arns := make([]any, len(links))
	for i, l := range links {
		arns[i] = l.arn
	}
	return pulumi.All(arns...).ApplyT(func(v []any) (string, error) {
		resolved := make([]ResolvedLink, len(links))
		for i, l := range links {
			arn := v[i].(string)
			if err := checkArn(l.index, l.typ, arn); err != nil {
				return "", err
			}
			resolved[i] = ResolvedLink{Type: l.typ, Access: l.access, Arn: arn}
		}
		return LinkPolicy(resolved)
	}).(pulumi.StringOutput)
}

// arnName is an IAM ARN without its `arn:<partition>:iam::` prefix, ':' and '/' as '-'.
func arnName(arn string) string {
	if parts := strings.SplitN(arn, ":", 5); len(parts) == 5 && parts[0] == "arn" {
		arn = parts[4]
		if parts[1] != "aws" {
			arn = parts[1] + "-" + arn
		}
	}
	return strings.NewReplacer(":", "-", "/", "-").Replace(arn)
}
