// Package deploy deploys one k8s-service Service from a CI job through Pulumi's
// Automation API: an inline Go program, the stack and its settings from the environment,
// a preview, then an update, the outputs printed.
package deploy

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/k8s-service/pulumi-k8s-service/sdk/go/k8sservice"
)

// Settings is what a CI job passes, usually from its environment (FromEnv).
type Settings struct {
	Project, Stack string
	Service        string // the component's name, which names the Kubernetes objects
	Image, Tag     string
	Namespace      string
	Port           int
	MinContainers  int
}

// FromEnv reads PROJECT, STACK, SERVICE, IMAGE, TAG, NAMESPACE, PORT and MIN_CONTAINERS.
func FromEnv() (Settings, error) {
	s := Settings{
		Project: env("PROJECT", "k8s-service-ci"), Stack: env("STACK", "dev"), Service: env("SERVICE", "app"),
		Image: os.Getenv("IMAGE"), Tag: os.Getenv("TAG"), Namespace: os.Getenv("NAMESPACE"),
	}
	if s.Image == "" {
		return s, fmt.Errorf("IMAGE is required (e.g. ghcr.io/org/app)")
	}
	var err error
	if s.Port, err = strconv.Atoi(env("PORT", "8080")); err != nil {
		return s, fmt.Errorf("PORT: %w", err)
	}
	if s.MinContainers, err = strconv.Atoi(env("MIN_CONTAINERS", "2")); err != nil {
		return s, fmt.Errorf("MIN_CONTAINERS: %w", err)
	}
	return s, nil
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// Program is the inline Pulumi program: one Service, its URL and image exported.
func Program(s Settings) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		args := &k8sservice.ServiceArgs{
			Image:         pulumi.String(s.Image),
			Port:          map[string]int{"http": s.Port},
			MinContainers: &s.MinContainers,
		}
		if s.Tag != "" {
			args.Tag = pulumi.String(s.Tag)
		}
		if s.Namespace != "" {
			args.Namespace = pulumi.String(s.Namespace)
		}
		svc, err := k8sservice.NewService(ctx, s.Service, args)
		if err != nil {
			return err
		}
		ctx.Export("internalUrl", svc.InternalUrl)
		ctx.Export("currentImage", svc.CurrentImage)
		return nil
	}
}

// Run previews, then updates the stack, streaming the engine's output to out, and
// returns the stack's outputs. Any failure is returned: the caller exits non-zero.
func Run(ctx context.Context, s Settings, out io.Writer, opts ...auto.LocalWorkspaceOption) (auto.OutputMap, error) {
	stack, err := auto.UpsertStackInlineSource(ctx, s.Stack, s.Project, Program(s), opts...)
	if err != nil {
		return nil, fmt.Errorf("selecting stack %s: %w", s.Stack, err)
	}
	if _, err := stack.Preview(ctx, optpreview.ProgressStreams(out)); err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	result, err := stack.Up(ctx, optup.ProgressStreams(out))
	if err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	return result.Outputs, nil
}
