package aws

// grants are the IAM actions per link type and access, after Opta's: each on the link's
// resource, or on a sub-resource pattern where the action needs it.
type grant struct {
	actions []string
	suffix  string // appended to the ARN, e.g. "/*" for S3 objects
}

var grants = map[string]map[string][]grant{
	// A database user's IAM authentication (a link with iamAuth).
	"rds-db": {"connect": {{actions: []string{"rds-db:connect"}}}},
	"s3": {
		"read": {
			{actions: []string{"s3:ListBucket", "s3:GetBucketLocation"}},
			{actions: []string{"s3:GetObject", "s3:GetObjectVersion"}, suffix: "/*"},
		},
		"write": {
			{actions: []string{"s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"}},
			{actions: []string{"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject",
				"s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"}, suffix: "/*"},
		},
	},
	"sqs": {
		"read": {{actions: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
			"sqs:GetQueueAttributes", "sqs:GetQueueUrl"}}},
		"write": {{actions: []string{"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"}}},
	},
	"sns": {
		"read":  {{actions: []string{"sns:GetTopicAttributes", "sns:Subscribe"}}},
		"write": {{actions: []string{"sns:Publish", "sns:GetTopicAttributes"}}},
	},
	"dynamodb": {
		"read": {{actions: []string{"dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
			"dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"}}, {actions: []string{"dynamodb:Query", "dynamodb:Scan"}, suffix: "/index/*"}},
		"write": {{actions: []string{"dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
			"dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
			"dynamodb:Scan", "dynamodb:UpdateItem"}}, {actions: []string{"dynamodb:Query", "dynamodb:Scan"}, suffix: "/index/*"}},
	},
}

// arnService is the service part an ARN must have for each link type.
var arnService = map[string]string{"s3": "s3", "sqs": "sqs", "sns": "sns", "dynamodb": "dynamodb", "rds-db": "rds-db"}
