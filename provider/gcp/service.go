package gcp

import (
	"strings"

	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/artifactregistry"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/serviceaccount"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/k8s-service/pulumi-k8s-service/provider/core"
)

// Token is the GKE variant's type token.
const Token tokens.Type = "k8s-service:gcp:Service" // #nosec G101 -- a type token, not a credential

// NewService validates args, then registers the Google Cloud resources and the Kubernetes core.
func NewService(ctx *pulumi.Context, name string, args *ServiceArgs, opts ...pulumi.ResourceOption) (*Service, error) {
	svc := &Service{name: name, args: args}
	err := core.Construct(ctx, Token, name, &args.ServiceArgs, svc, opts...)
	return svc, err
}

// Resolve checks the GKE inputs and keeps what they come to for Provision.
func (svc *Service) Resolve(name string, cfg *core.Config) field.ErrorList {
	var errs field.ErrorList
	svc.resolved, errs = svc.args.resolve(name, cfg)
	return errs
}

// CreatesRegistry is true: AUTO creates an Artifact Registry repository.
func (svc *Service) CreatesRegistry() bool { return true }

// Provision registers the registry and the Google service account and sets serviceAccountEmail.
func (svc *Service) Provision(ctx *pulumi.Context, cfg *core.Config) (core.Extensions, error) {
	name, args := svc.name, svc.args
	opts := []pulumi.ResourceOption{pulumi.Parent(svc)}
	ext, err := core.AutoRegistry(cfg, func() (pulumi.StringOutput, error) {
		return registerRegistry(ctx, name, args, opts)
	})
	if err != nil {
		return ext, err
	}
	ext.StorageClass = &core.StorageClass{Provisioner: "pd.csi.storage.gke.io", Parameters: map[string]string{"type": svc.resolved.diskType}}
	ext.LoadBalancerAnnotations = svc.resolved.loadBalancerAnnotations

	email, err := registerIdentity(ctx, name, args, svc.resolved.accountID, opts)
	if err != nil {
		return ext, err
	}
	svc.ServiceAccountEmail = email
	ext.ServiceAccountAnnotations = pulumi.StringMap{"iam.gke.io/gcp-service-account": email}
	ext.MountServiceAccountToken = true
	ext.CloudSecrets = args.cloudSecrets(name)
	return ext, nil
}

// registerRegistry creates the Docker repository for `image: AUTO`, with cleanup
// policies after the AWS lifecycle, and lets the nodes pull from it.
func registerRegistry(ctx *pulumi.Context, name string, args *ServiceArgs, opts []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	repo, err := artifactregistry.NewRepository(ctx, name, &artifactregistry.RepositoryArgs{
		Project:         args.Project,
		Location:        args.Location,
		RepositoryId:    pulumi.String(name),
		Format:          pulumi.String("DOCKER"),
		Description:     pulumi.Sprintf("k8s-service %s images", name),
		CleanupPolicies: cleanupPolicies(),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	if args.NodeServiceAccount != nil {
		if _, err := artifactregistry.NewRepositoryIamMember(ctx, name+"-nodes", &artifactregistry.RepositoryIamMemberArgs{
			Project:    args.Project,
			Location:   args.Location,
			Repository: repo.RepositoryId,
			Role:       pulumi.String("roles/artifactregistry.reader"),
			Member:     pulumi.Sprintf("serviceAccount:%s", args.NodeServiceAccount),
		}, opts...); err != nil {
			return pulumi.StringOutput{}, err
		}
	}
	// Artifact Registry images are LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE: the
	// service's image is named after it in its own repository.
	return pulumi.Sprintf("%s-docker.pkg.dev/%s/%s/%s", repo.Location, repo.Project, repo.RepositoryId, name), nil
}

// cleanupPolicies mirror the ECR lifecycle as far as Artifact Registry allows: untagged
// images go after a week and dev* tags after 30 days, while the 10 newest versions and
// every prod* tag are kept (keep policies win over delete policies).
func cleanupPolicies() artifactregistry.RepositoryCleanupPolicyArray {
	return artifactregistry.RepositoryCleanupPolicyArray{
		artifactregistry.RepositoryCleanupPolicyArgs{Id: pulumi.String("delete-untagged"), Action: pulumi.String("DELETE"),
			Condition: artifactregistry.RepositoryCleanupPolicyConditionArgs{TagState: pulumi.String("UNTAGGED"), OlderThan: pulumi.String("604800s")}},
		artifactregistry.RepositoryCleanupPolicyArgs{Id: pulumi.String("delete-old-dev"), Action: pulumi.String("DELETE"),
			Condition: artifactregistry.RepositoryCleanupPolicyConditionArgs{TagState: pulumi.String("TAGGED"),
				TagPrefixes: pulumi.StringArray{pulumi.String("dev")}, OlderThan: pulumi.String("2592000s")}},
		artifactregistry.RepositoryCleanupPolicyArgs{Id: pulumi.String("keep-recent"), Action: pulumi.String("KEEP"),
			MostRecentVersions: artifactregistry.RepositoryCleanupPolicyMostRecentVersionsArgs{KeepCount: pulumi.Int(10)}},
		artifactregistry.RepositoryCleanupPolicyArgs{Id: pulumi.String("keep-prod"), Action: pulumi.String("KEEP"),
			Condition: artifactregistry.RepositoryCleanupPolicyConditionArgs{TagState: pulumi.String("TAGGED"),
				TagPrefixes: pulumi.StringArray{pulumi.String("prod")}}},
	}
}

// registerIdentity creates the Google service account the pods act as, lets exactly
// this Kubernetes service account impersonate it, and grants its roles and buckets.
func registerIdentity(ctx *pulumi.Context, name string, args *ServiceArgs, accountID string, opts []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	account, err := serviceaccount.NewAccount(ctx, name, &serviceaccount.AccountArgs{
		Project:     args.Project,
		AccountId:   pulumi.String(accountID),
		DisplayName: pulumi.Sprintf("k8s-service %s", name),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	member := pulumi.Sprintf("serviceAccount:%s", account.Email)
	if _, err := serviceaccount.NewIAMMember(ctx, name+"-workload-identity", &serviceaccount.IAMMemberArgs{
		ServiceAccountId: account.Name,
		Role:             pulumi.String("roles/iam.workloadIdentityUser"),
		Member:           pulumi.Sprintf("serviceAccount:%s.svc.id.goog[%s/%s]", args.Project, args.Namespace, name),
	}, opts...); err != nil {
		return pulumi.StringOutput{}, err
	}
	for i, role := range args.AdditionalIamRoles {
		binding, alias := core.EntryName(name+"-role", i, nil, pulumi.String(role))
		if err := newIAMMember(ctx, projectIAMMemberType, binding, pulumi.Map{
			"project": args.Project, "role": pulumi.String(role), "member": member,
		}, append(opts, alias)...); err != nil {
			return pulumi.StringOutput{}, err
		}
	}
	if err := grantResourceLinks(ctx, name, args, member, opts); err != nil {
		return pulumi.StringOutput{}, err
	}
	if err := grantFirestoreLinks(ctx, name, args, member, opts); err != nil {
		return pulumi.StringOutput{}, err
	}
	if usesCloudSQLIAM(args.Links) {
		for _, role := range cloudSQLRoles {
			if err := newIAMMember(ctx, projectIAMMemberType, name+"-"+strings.TrimPrefix(role, "roles/"), pulumi.Map{
				"project": args.Project, "role": pulumi.String(role), "member": member,
			}, opts...); err != nil {
				return pulumi.StringOutput{}, err
			}
		}
	}
	return account.Email, grantSecrets(ctx, name, args, member, opts)
}

// gkeLoadBalancer is GKE's passthrough Network Load Balancer by scheme: internal by
// annotation, external by default.
var gkeLoadBalancer = map[core.LoadBalancerScheme]map[string]string{
	core.SchemeInternal: {"networking.gke.io/load-balancer-type": "Internal"},
	core.SchemeExternal: {},
}
