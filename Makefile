# k8s-service: build, generate, test and deploy. `make help` lists the targets.
SHELL  := /bin/bash
# Every recipe line runs with pipefail: a pipe fails when any command in it fails, not only
# its last (`npm publish --dry-run | grep`, `tee` of the engine log, `bench.test | grep`).
.SHELLFLAGS := -o pipefail -c
PLUGIN := pulumi-resource-k8s-service
VENV   := .cache/venv
STATE  := $(CURDIR)/.pulumi-state
# The example `make deploy` runs; any folder under examples/.
EXAMPLE ?= go-minimal
STACK   ?= dev
# The packed Node.js SDK (make sdk-nodejs).
NODE_SDK := sdk/nodejs/k8s-service-pulumi.tgz
# The Node.js the TypeScript tiers run on, first on PATH once `make node-tools` has built it
# (tools/node: the npm registry's binaries, 22 and 24); the SDK's tests also run on the other.
NODE ?= 24
export PATH := $(CURDIR)/.cache/engine-bin/node$(NODE):$(PATH)

.PHONY: help bench build check-plugin-size dist generate check-generated lint staticcheck test test-go test-engine test-nodejs test-python test-java check-go-sdk-floor release-check sdk-nodejs engine-tools cluster-tools node-tools etcd node-packages engine-drivers deploy destroy bench-engine bench-engine-all bench-realnode

help:
	@echo "make deploy    deploy examples/$(EXAMPLE) to the current Kubernetes context (local Pulumi backend in .pulumi-state)"
	@echo "make destroy   destroy it again"
	@echo "make test      everything CI runs: generated-file drift, lint, Go, TypeScript, Python and Java tests, the packed SDKs in fresh programs, the plugin's size, the real-engine tier"
	@echo "make staticcheck  staticcheck over the whole root module, tests included (make lint checks provider/)"
	@echo "make generate  regenerate schema.json and sdk/ from the Go types"
	@echo "make build     build the plugin into bin/"
	@echo "make dist      the release archives and checksums into dist/ (PLATFORMS=linux-amd64 for one)"
	@echo "make bench     the benchmarks of docs/benchmarks.md (about 3 minutes)"
	@echo "make bench-engine  pulumi up through the real engine against direct declarations and helm (about 30 minutes)"
	@echo "make engine-tools  build the Pulumi CLI, YAML host, pulumi-kubernetes, the control plane, the real node's kubelet and Traefik once per pin (test tiers)"
	@echo "make bench-realnode  pulumi up to every pod Ready on the real node against helm --wait (about 6 minutes)"

# One set of compiler flags for every Go build here, the release build's (RELEASE_FLAGS
# below), and cgo off as in the release build: go run, vet, the tests, the Go examples and
# the plugin archive the engine tier installs then share one compile of the dependencies
# (the Kubernetes and cloud SDKs are most of a cold run's compiling; `make dist` then only
# links; with cgo on, the net package and everything above it would compile twice). The
# tools state their own flags (tools/build.sh clears GOFLAGS). Figures: docs/design.md.
export GOFLAGS ?= -trimpath -gcflags=all=-l
export CGO_ENABLED = 0
# The compiler and linker collect garbage four times less often, for a faster cold compile
# at a larger peak memory (docs/design.md). Processes the tests start inherit it; the
# benchmark targets measure with the runtime's default.
export GOGC ?= 400

# The version has one source, VERSION; it reaches the binary here and the schema and SDKs
# through `make generate`.
VERSION := $(shell cat VERSION)

# Release flags: stripped, and without inlining, which keeps the plugin small with all
# three cloud SDKs linked (docs/benchmarks.md has the figures and the trade-off).
RELEASE_FLAGS := -trimpath -gcflags=all=-l -ldflags "-s -w -X github.com/k8s-service/pulumi-k8s-service/provider.Version=$(VERSION)"

build:
	CGO_ENABLED=0 go build $(RELEASE_FLAGS) -o bin/$(PLUGIN) ./provider/cmd/$(PLUGIN)

# Release archives as `pulumi plugin install` expects them: one tar.gz per platform named
# $(PLUGIN)-v<version>-<os>-<arch>.tar.gz with the binary at its root, and checksums.
# .goreleaser.yaml does the same on a tag; `make dist PLATFORMS=linux-amd64` builds one.
PLATFORMS ?= linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64 windows-arm64
dist:
	rm -rf dist && mkdir -p dist
	set -e; for platform in $(PLATFORMS); do \
		os=$${platform%-*}; arch=$${platform#*-}; exe=$(PLUGIN); if [ $$os = windows ]; then exe=$$exe.exe; fi; \
		mkdir -p dist/$$platform; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch go build $(RELEASE_FLAGS) -o dist/$$platform/$$exe ./provider/cmd/$(PLUGIN); \
		tar -czf dist/$(PLUGIN)-v$(VERSION)-$$platform.tar.gz -C dist/$$platform $$exe; \
		rm -rf dist/$$platform; \
	done
	cd dist && sha256sum *.tar.gz > checksums.txt && cat checksums.txt

# schema.json and sdk/ come from the Go types in provider/, and only from here.
generate:
	go run ./provider/cmd/gen-sdk .
	cd tools/gen-java && GOFLAGS= go run . ../..

check-generated: generate
	@if [ -n "$$(git status --porcelain --untracked-files=all -- schema.json sdk)" ]; then \
		git status --short -- schema.json sdk; git diff --stat -- schema.json sdk; \
		echo "schema.json or sdk/ drift from the Go code: run 'make generate' and commit the result"; exit 1; fi

# The Go modules besides the root: the Go SDK and every Go example.
GO_MODULES := sdk $(patsubst %/go.mod,%,$(wildcard examples/*/go.mod))

# gofmt; goimports' grouping (standard library, then other modules, then this one); go vet;
# staticcheck over the plugin's packages; misspell over the Go sources and docs; gosec over
# the plugin's packages (gen-sdk, a developer's tool that writes the files it is told to,
# left out; a finding that is not one is marked `#nosec <rule> -- <why>`); every module's go.mod tidy (direct dependencies
# not marked indirect); the SDK and examples compiling the root module's versions
# (tools/align-modules.sh). The linters are built once per pin (tools/lint).
LOCAL_MODULE := github.com/k8s-service/pulumi-k8s-service
lint:
	@out="$$(gofmt -l provider tests examples tools main.go)"; if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	@TOOLS=lint tools/build.sh $(ENGINE_BIN)
	@out="$$($(ENGINE_BIN)/goimports -l -local $(LOCAL_MODULE) provider tests examples tools main.go)"; if [ -n "$$out" ]; then echo "imports not grouped (goimports -w -local $(LOCAL_MODULE)): $$out"; exit 1; fi
	go vet ./...
	go vet -tags engine ./tests/engine
	@set -e; for m in $(GO_MODULES); do echo "go vet ($$m)"; (cd $$m && go vet -tags engine ./...); done
	$(ENGINE_BIN)/staticcheck ./provider/...
	$(ENGINE_BIN)/misspell -error $$(git ls-files '*.go' '*.md' | grep -v '^sdk/')
	$(ENGINE_BIN)/gosec -quiet -exclude-dir=provider/cmd/gen-sdk ./provider/...
	@set -e; for m in . sdk; do (cd $$m && go mod tidy -diff) || { echo "go.mod of $$m is not tidy: run go mod tidy there"; exit 1; }; done
	@tools/align-modules.sh --check

# staticcheck over everything, the tests and the engine tier included. `make lint` checks
# the plugin's packages only: cold, the whole tree has it analyse the Pulumi engine's and
# every cloud SDK's sources (docs/design.md, "How the tools are built").
staticcheck:
	@TOOLS=lint tools/build.sh $(ENGINE_BIN)
	$(ENGINE_BIN)/staticcheck -tags engine ./...

# One step after another: building the tools beside the checks was measured slower cold
# (docs/design.md, "How the tools are built").
test: etcd check-generated lint test-nodejs test-python test-java release-check check-plugin-size test-go test-engine

# The fast Go tiers: in-process provider, Go SDK under mocks, policy, API server. The
# real-engine tier is behind the `engine` build tag, so `go test ./...` needs no tools.
test-go: cluster-tools etcd check-go-sdk-floor
	go test -count=1 ./...

# The Go SDK at the lowest Go and Pulumi SDK its go.mod declares (the toolchain from the Go
# module proxy): what a user's module needs to build against it.
# GO_SDK_TOOLCHAIN is the last patch release of the go directive's version.
GO_SDK_TOOLCHAIN := go1.21.13
check-go-sdk-floor:
	@grep -qx "go $$(echo $(GO_SDK_TOOLCHAIN) | sed 's/^go\([0-9]*\.[0-9]*\).*/\1/')" sdk/go.mod || \
		{ echo "sdk/go.mod's go directive is not $(GO_SDK_TOOLCHAIN)'s release: change GO_SDK_TOOLCHAIN"; exit 1; }
	cd sdk && GOFLAGS= GOTOOLCHAIN=$(GO_SDK_TOOLCHAIN) go build ./...

# The real-engine tier (tests/engine): `pulumi up`/`preview`/`destroy` through the CLI,
# the YAML host and pulumi-kubernetes onto a control plane with simulated nodes.
test-engine: engine-tools engine-drivers etcd node-packages
	@mkdir -p .cache
	@go test -tags engine -count=1 -timeout 45m -parallel 4 -v ./tests/engine | tee .cache/test-engine.log || \
		{ awk -f tests/engine/failures.awk .cache/test-engine.log; exit 1; }

# What the tier runs the TypeScript and Python examples with, through their Automation
# APIs: the packed Node.js SDK installed beside tests/nodejs' @pulumi/pulumi with the
# examples compiled (tests/nodejs/engine), and the Python SDK in the venv.
engine-drivers: node-tools tests/nodejs/node_modules/.package-lock.json $(NODE_SDK) $(VENV)/bin/python
	cd tests/nodejs && npm install --no-save --no-audit --no-fund ../../$(NODE_SDK) && npx tsc -p tsconfig.engine.json
	$(VENV)/bin/pip install -q -r tests/python/requirements.txt ./sdk/python

# The tools both cluster tiers run, built from the Go module proxy once per pin into the
# user's cache directory (tools/build.sh), linked into .cache/engine-bin. etcd comes from
# Debian.
ENGINE_BIN := $(CURDIR)/.cache/engine-bin

engine-tools:
	@tools/build.sh $(ENGINE_BIN)

# Node.js 22 and 24 (tools/node/build.sh).
node-tools:
	@TOOLS=node tools/build.sh $(ENGINE_BIN)

# The control plane, kwok and pulumi-kubernetes: one build (tools/cluster/build.sh).
cluster-tools:
	@TOOLS=cluster tools/build.sh $(ENGINE_BIN)

etcd:
	@command -v etcd >/dev/null || { echo "installing etcd-server (Debian)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null; }

# The engine tier's real node (tests/realnode/node): Debian's container runtime, CNI plugins
# and the tools kube-proxy and the node's clean-up call, at the versions it was proven with.
NODE_PACKAGES := containerd=1.6.20~ds1-1+deb12u3 runc=1.1.5+ds1-1+deb12u1 \
	containernetworking-plugins=1.1.1+ds1-3+b5 iptables=1.8.9-2 conntrack=1:1.4.7-1+b2 ipset=7.17-1
node-packages:
	@dpkg -s $(foreach p,$(NODE_PACKAGES),$(firstword $(subst =, ,$(p)))) >/dev/null 2>&1 || { \
		echo "installing the real node's packages (Debian)"; apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NODE_PACKAGES) >/dev/null; }

tests/nodejs/node_modules/.package-lock.json: tests/nodejs/package-lock.json | node-tools
	cd tests/nodejs && npm ci --no-audit --no-fund
tests/nodejs/floor/node_modules/.package-lock.json: tests/nodejs/floor/package-lock.json | node-tools
	cd tests/nodejs/floor && npm ci --no-audit --no-fund

# The SDK's mock tests and the examples' type check on Node 22 and 24 with the pinned
# @pulumi/pulumi (tests/nodejs), then the mock tests on Node 22 with the oldest
# @pulumi/pulumi the SDK's package.json accepts (tests/nodejs/floor).
test-nodejs: node-tools tests/nodejs/node_modules/.package-lock.json tests/nodejs/floor/node_modules/.package-lock.json
	for v in 22 24; do \
		PATH="$(ENGINE_BIN)/node$$v:$$PATH" && node --version && (cd tests/nodejs && npm test && npm run check-examples) || exit 1; \
	done
	cd tests/nodejs/floor && PATH="$(ENGINE_BIN)/node22:$$PATH" && node --version && npm test

$(VENV)/bin/python:
	python3 -m venv $(VENV)

# The Python SDK is tested on the oldest Python it declares (its pyproject.toml's
# requires-python) with the oldest pulumi it declares, and on the newest Python this
# machine has with the newest pulumi the registry serves (tests/python/requirements.txt).
# Both interpreters come from pyenv, as on this kind of machine; the engine tier runs the
# Python examples on the machine's python3 (3.11).
PYENV_ROOT    ?= $(shell pyenv root 2>/dev/null || echo $(HOME)/.pyenv)
PYTHON_OLDEST := $(shell sed -n 's/.*requires-python = ">=\([0-9.]*\)".*/\1/p' sdk/python/pyproject.toml)
PYTHON_NEWEST := 3.13
PULUMI_FLOOR  := $(shell sed -n 's/.*"pulumi>=\([0-9.]*\),.*/\1/p' sdk/python/pyproject.toml)
python = $(or $(lastword $(sort $(wildcard $(PYENV_ROOT)/versions/$(1).*/bin/python$(1)))),$(shell command -v python$(1)),$(error no Python $(1): install it with pyenv or put python$(1) on PATH))
NEWEST_VENV := .cache/venv-py$(PYTHON_NEWEST)
FLOOR_VENV  := .cache/venv-py$(PYTHON_OLDEST)-floor
$(NEWEST_VENV)/bin/python:
	$(call python,$(PYTHON_NEWEST)) -m venv $(NEWEST_VENV)
$(FLOOR_VENV)/bin/python:
	$(call python,$(PYTHON_OLDEST)) -m venv $(FLOOR_VENV)

test-python: $(NEWEST_VENV)/bin/python $(FLOOR_VENV)/bin/python
	$(NEWEST_VENV)/bin/pip install -q -r tests/python/requirements.txt ./sdk/python
	$(FLOOR_VENV)/bin/pip install -q pulumi==$(PULUMI_FLOOR) pytest==8.3.4 ./sdk/python
	@set -e; for venv in $(NEWEST_VENV) $(FLOOR_VENV); do \
		$$venv/bin/python -c 'import importlib.metadata as m, sys; print("pulumi", m.version("pulumi"), "on Python", sys.version.split()[0])'; \
		$$venv/bin/python -m pytest -q tests/python; \
	done

# The Java SDK (sdk/java, generated by tools/gen-java) compiled by Maven and tested under
# Pulumi's mocks (tests/java).
test-java:
	cd tests/java && mvn -q -B -Dk8sservice.version=$(VERSION) test

# The Node.js SDK packed (`npm pack`) into sdk/nodejs/k8s-service-pulumi.tgz, which the
# TypeScript examples depend on: installed from a tarball it resolves the program's own
# @pulumi/pulumi, where a `file:` folder would bring a second copy along.
sdk-nodejs: $(NODE_SDK)
$(NODE_SDK): $(shell find sdk/nodejs -name '*.ts' -not -path '*/node_modules/*' -not -path '*/bin/*') sdk/nodejs/package.json | node-tools
	cd sdk/nodejs && npm install --no-save --no-package-lock --no-audit --no-fund \
		@pulumi/pulumi@3.276.0 typescript@5.6.3 @types/node@24.19.4 && \
		rm -rf bin && npx tsc --outDir bin && cp package.json README.md bin/ && \
		cd bin && npm pack --silent --pack-destination .. >/dev/null && mv ../k8s-service-pulumi-$(VERSION).tgz ../k8s-service-pulumi.tgz

# The plugin as released (`make build`: stripped, no inlining) stays within 60 MB, the size
# budget of docs/benchmarks.md ("Plugin size" there says what each SDK package costs).
PLUGIN_SIZE_LIMIT := 60000000
check-plugin-size: build
	@size=$$(stat -c %s bin/$(PLUGIN)); echo "plugin size: $$size bytes (limit $(PLUGIN_SIZE_LIMIT))"; \
		test $$size -le $(PLUGIN_SIZE_LIMIT) || { echo "the release plugin is over $(PLUGIN_SIZE_LIMIT) bytes: docs/benchmarks.md says what each package costs"; exit 1; }

# The release's packages, built and checked as the release workflow publishes them, without
# publishing (.github/workflows/release.yml): the npm tarball (`npm publish --dry-run`), the
# Python sdist and wheel (`twine check`), the Go SDK module (its tag is sdk/v$(VERSION));
# then the npm and Python packages installed into fresh programs outside the repository.
RELEASE_VENV := .cache/venv-release
release-check: $(NODE_SDK)
	npm publish --dry-run $(NODE_SDK) 2>&1 | grep -E 'name:|version:|total files:'
	test -x $(RELEASE_VENV)/bin/python || python3 -m venv $(RELEASE_VENV)
	$(RELEASE_VENV)/bin/pip install -q -r tools/release-requirements.txt
	rm -rf dist/python && $(RELEASE_VENV)/bin/python -m build sdk/python --outdir dist/python >/dev/null
	$(RELEASE_VENV)/bin/twine check --strict dist/python/*
	cd sdk && GOFLAGS= go mod verify && GOFLAGS= go list -m
	PYTHON=$(call python,$(PYTHON_NEWEST)) tools/fresh-program/run.sh

# Deploys an example to the current kubectl context with a local file backend: the plugin
# built and installed into Pulumi's plugin cache (so the engine downloads nothing and
# warns of nothing on PATH), the example's own dependencies, then `pulumi up`.
EXAMPLE_DIR := examples/$(EXAMPLE)
PULUMI_ENV  := export PULUMI_BACKEND_URL=file://$(STATE) PULUMI_CONFIG_PASSPHRASE="$${PULUMI_CONFIG_PASSPHRASE-}"
deploy: build $(if $(wildcard $(EXAMPLE_DIR)/package.json),sdk-nodejs)
	pulumi plugin install resource k8s-service $(VERSION) --file bin/$(PLUGIN) --reinstall
	mkdir -p $(STATE)
	cd $(EXAMPLE_DIR) && \
		if [ -f package.json ]; then npm install --no-save --no-package-lock --no-audit --no-fund $(CURDIR)/$(NODE_SDK); fi && \
		if [ -f requirements.txt ]; then python3 -m venv venv && venv/bin/pip install -q $(CURDIR)/sdk/python -r requirements.txt; fi && \
		$(PULUMI_ENV) && pulumi stack select --create $(STACK) && pulumi up --yes

destroy:
	cd $(EXAMPLE_DIR) && $(PULUMI_ENV) && pulumi stack select $(STACK) && pulumi destroy --yes

# The engine figures of docs/benchmarks.md: n minimal services through the component,
# the same objects declared directly, and Helm (`helm install/upgrade --wait`, and `helm
# template | kubectl diff` for a preview; both built once, tools/helm and tools/kubectl):
# bench-engine the tables of medians (5 runs of 1 and 25 services; the plugin's peak memory,
# 3 runs of 1 and 100 services), bench-engine-all one run of every case (100 services and
# the engine settings too).
bench bench-engine bench-engine-all bench-realnode: export GOGC = 100
bench-engine: engine-tools engine-drivers etcd
	@TOOLS="helm kubectl" tools/build.sh $(ENGINE_BIN)
	go test -tags engine -run '^$$' -bench 'EngineDeploy/^(component|direct|helm)$$/^n=(1|25)$$' -benchtime 1x -count 5 -timeout 60m ./tests/engine
	go test -tags engine -run '^$$' -bench 'EngineDeploy/^plugin-memory$$/^n=(1|100)$$' -benchtime 1x -count 3 -timeout 60m ./tests/engine
bench-engine-all: engine-tools engine-drivers etcd
	@TOOLS="helm kubectl" tools/build.sh $(ENGINE_BIN)
	go test -tags engine -run '^$$' -bench Engine -benchtime 1x -timeout 60m ./tests/engine

# One service of two pods on the real node, to every pod Ready (readiness probed for real):
# `pulumi up` of the component against `helm install --wait` of the same objects, 5 runs.
bench-realnode: engine-tools engine-drivers etcd node-packages
	@TOOLS="helm kubectl" tools/build.sh $(ENGINE_BIN)
	go test -tags engine -run '^$$' -bench 'RealNodeDeploy' -benchtime 1x -count 5 -timeout 30m ./tests/engine

# The figures of docs/benchmarks.md. Benchmarks are never run by `make test`.
BENCH := go test -run '^$$' -benchmem ./tests/bench
bench: build
	$(BENCH) -bench 'Resolve|Construct' -benchtime 200x -count 3
	$(BENCH) -bench 'Program/.*/n=(1|10|100)$$' -benchtime 20x -count 3
	$(BENCH) -bench 'Program/.*/n=1000$$' -benchtime 3x -count 2
	go test -c -o .cache/bench.test ./tests/bench
	.cache/bench.test -test.run '^$$' -test.bench 'PeakMemory100/component$$' -test.benchtime 1x | grep Benchmark
	.cache/bench.test -test.run '^$$' -test.bench 'PeakMemory100/direct$$' -test.benchtime 1x | grep Benchmark
	go run ./tests/bench/startup bin/$(PLUGIN) 21
	go build -trimpath -o .cache/plugin-unstripped ./provider/cmd/$(PLUGIN)
	@echo "plugin size: release (stripped, no inlining) $$(stat -c %s bin/$(PLUGIN)) bytes; unstripped $$(stat -c %s .cache/plugin-unstripped) bytes"
