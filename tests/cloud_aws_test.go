package tests

import (
	"encoding/json"
	"testing"

	"github.com/k8s-service/pulumi-k8s-service/tests/catalogue"
	"github.com/k8s-service/pulumi-k8s-service/tests/harness"
)

const (
	awsToken    = catalogue.AWSToken
	oidcArn     = catalogue.OIDCArn
	oidcIssuer  = catalogue.OIDCIssuer
	bucketArn   = catalogue.BucketArn
	queueArn    = catalogue.QueueArn
	topicArn    = "arn:aws:sns:us-east-1:123456789012:events"
	tableArn    = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
	extraPolicy = catalogue.ExtraPolicy
)

var awsInputs = catalogue.AWSInputs

func constructVariant(t *testing.T, token string, inputs map[string]any) harness.Construction {
	t.Helper()
	c := harness.Construct(t, token, "app", harness.Props(inputs), false)
	if c.Err != nil {
		t.Fatalf("construct: %v", c.Err)
	}
	return c
}

// assertJSON compares two JSON documents structurally.
func assertJSON(t *testing.T, what, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", what, err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !harness.EqualJSON(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

func TestAWSRegistryRoleAndLinks(t *testing.T) {
	c := constructVariant(t, awsToken, awsInputs(map[string]any{
		"links": []any{
			map[string]any{"type": "s3", "arn": bucketArn, "access": "read"},
			map[string]any{"type": "sqs", "arn": queueArn, "access": "write"},
			map[string]any{"type": "sns", "arn": topicArn, "access": "write"},
			map[string]any{"type": "dynamodb", "arn": tableArn, "access": "write"},
		},
		"additionalIamPolicies": []any{extraPolicy},
		"persistentStorage":     []any{map[string]any{"path": "/data", "size": 10}},
	}))

	repo := c.Only(t, "aws:ecr/repository:Repository")
	expect(t, "ECR repository", repo, map[string]string{
		"imageScanningConfiguration.scanOnPush":      "true",
		"encryptionConfigurations[0].encryptionType": "KMS",
		"forceDelete": "false",
	})
	assertJSON(t, "ECR lifecycle policy", c.Only(t, "aws:ecr/lifecyclePolicy:LifecyclePolicy").Str("policy"), `{"rules":[
		{"rulePriority":1,"description":"Keep the last 5 untagged images","selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}},
		{"rulePriority":2,"description":"Keep the last 10 prod images","selection":{"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}},
		{"rulePriority":3,"description":"Keep the last 20 dev images","selection":{"tagStatus":"tagged","tagPrefixList":["dev"],"countType":"imageCountMoreThan","countNumber":20},"action":{"type":"expire"}}]}`)

	assertJSON(t, "trust policy", c.Only(t, "aws:iam/role:Role").Str("assumeRolePolicy"), `{"Version":"2012-10-17","Statement":[{
		"Effect":"Allow",
		"Principal":{"Federated":"`+oidcArn+`"},
		"Action":["sts:AssumeRoleWithWebIdentity"],
		"Condition":{"StringEquals":{
			"oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub":"system:serviceaccount:shop:app",
			"oidc.eks.us-east-1.amazonaws.com/id/ABC123:aud":"sts.amazonaws.com"}}}]}`)

	assertJSON(t, "link policy", c.Only(t, "aws:iam/rolePolicy:RolePolicy").Str("policy"), `{"Version":"2012-10-17","Statement":[
		{"Sid":"Link0S30","Effect":"Allow","Action":["s3:ListBucket","s3:GetBucketLocation"],"Resource":["arn:aws:s3:::reports"]},
		{"Sid":"Link0S31","Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::reports/*"]},
		{"Sid":"Link1Sqs0","Effect":"Allow","Action":["sqs:SendMessage","sqs:GetQueueAttributes","sqs:GetQueueUrl"],"Resource":["`+queueArn+`"]},
		{"Sid":"Link2Sns0","Effect":"Allow","Action":["sns:Publish","sns:GetTopicAttributes"],"Resource":["`+topicArn+`"]},
		{"Sid":"Link3Dynamodb0","Effect":"Allow","Action":["dynamodb:BatchGetItem","dynamodb:BatchWriteItem","dynamodb:ConditionCheckItem",
			"dynamodb:DeleteItem","dynamodb:DescribeTable","dynamodb:GetItem","dynamodb:PutItem","dynamodb:Query","dynamodb:Scan","dynamodb:UpdateItem"],
			"Resource":["`+tableArn+`"]},
		{"Sid":"Link3Dynamodb1","Effect":"Allow","Action":["dynamodb:Query","dynamodb:Scan"],"Resource":["`+tableArn+`/index/*"]}]}`)
	expect(t, "policy attachment", c.Only(t, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"), map[string]string{
		"policyArn": extraPolicy, "role": "app-id",
	})

	roleArn := "arn:aws:iam::" + harness.FakeAccount + ":role/app-id"
	repoURL := harness.FakeAccount + ".dkr.ecr.us-east-1.amazonaws.com/app-id"
	sa := c.Only(t, "kubernetes:core/v1:ServiceAccount")
	if got := sa.Get("metadata.annotations").(map[string]any)["eks.amazonaws.com/role-arn"]; got != roleArn {
		t.Errorf("service account role annotation = %v", got)
	}
	sts := c.Only(t, "kubernetes:apps/v1:StatefulSet")
	expect(t, "StatefulSet", sts, map[string]string{
		container + "image": repoURL + ":v1.2.3",
		"spec.template.spec.automountServiceAccountToken":    "true",
		"spec.volumeClaimTemplates[0].spec.storageClassName": "app-storage-id",
	})
	expect(t, "StorageClass", c.Only(t, "kubernetes:storage.k8s.io/v1:StorageClass"), map[string]string{
		"provisioner": "ebs.csi.aws.com", "parameters.type": "gp3", "parameters.encrypted": "true",
		"allowVolumeExpansion": "true", "volumeBindingMode": "WaitForFirstConsumer",
	})
	for key, want := range map[string]string{"roleArn": roleArn, "dockerRepoUrl": repoURL, "currentImage": repoURL + ":v1.2.3"} {
		if got := c.Output(t, key); got != want {
			t.Errorf("output %s = %v, want %s", key, got, want)
		}
	}
}

func TestAWSAutoWithoutTagCreatesTheRegistryOnly(t *testing.T) {
	c := constructVariant(t, awsToken, map[string]any{"image": "AUTO", "port": map[string]any{"http": 80},
		"cronJobs": []any{map[string]any{"commands": []any{"true"}, "schedule": "@daily"}}})
	c.Only(t, "aws:ecr/repository:Repository")
	for _, typ := range []string{"kubernetes:apps/v1:Deployment", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
		"kubernetes:batch/v1:CronJob", "aws:iam/role:Role"} {
		if n := len(c.All(typ)); n != 0 {
			t.Errorf("registered %d %s before an image was pushed", n, typ)
		}
	}
	if got := c.Output(t, "currentImage"); got != "" {
		t.Errorf("currentImage = %v", got)
	}
	if got := c.Output(t, "dockerRepoUrl"); got == "" {
		t.Errorf("dockerRepoUrl is empty")
	}
}

func TestAWSWithAnExternalImageCreatesNoRegistry(t *testing.T) {
	c := constructVariant(t, awsToken, map[string]any{"image": "nginx:1.27", "port": map[string]any{"http": 80}})
	if n := len(c.All("aws:ecr/repository:Repository")); n != 0 {
		t.Errorf("registered %d ECR repositories for an external image", n)
	}
	expect(t, "Deployment", c.Only(t, "kubernetes:apps/v1:Deployment"), map[string]string{
		container + "image": "nginx:1.27", "spec.template.spec.automountServiceAccountToken": "false",
	})
}

// A class the user names wins: no StorageClass is created and the claims use it.
func TestNamedStorageClassIsUsedInsteadOfCreatingOne(t *testing.T) {
	c := constructVariant(t, awsToken, awsInputs(map[string]any{
		"storageClassName":  "fast-ssd",
		"persistentStorage": []any{map[string]any{"path": "/data", "size": 10}},
	}))
	if n := len(c.All("kubernetes:storage.k8s.io/v1:StorageClass")); n != 0 {
		t.Errorf("created %d StorageClasses although one was named", n)
	}
	expect(t, "StatefulSet", c.Only(t, "kubernetes:apps/v1:StatefulSet"), map[string]string{
		"spec.volumeClaimTemplates[0].spec.storageClassName": "fast-ssd",
	})
	plain := harness.MustConstruct(t, base(map[string]any{"persistentStorage": []any{map[string]any{"path": "/d", "size": 1}}}))
	if got := plain.Only(t, "kubernetes:apps/v1:StatefulSet").Get("spec.volumeClaimTemplates[0].spec.storageClassName"); got != nil {
		t.Errorf("the plain variant must leave the class to the cluster default, got %v", got)
	}
}
