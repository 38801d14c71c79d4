package core

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The floors of provider/core (docs/design.md, "Inside provider/core"): a file refers only
// to files on its floor or below and, above the ground floor, to no file that refers back
// to it, directly or not. Files not listed are features (floor 1).
var floors = map[string]int{
	// 0, the ground floor: the input and resolved types, the builder, the shared helpers.
	"args.go": 0, "args_workload.go": 0, "args_traffic.go": 0, "args_release.go": 0, "enums.go": 0, "defaults.go": 0, "config.go": 0,
	"extensions.go": 0, "outputs.go": 0, "builder.go": 0, "names.go": 0, "helpers.go": 0,
	"paths.go": 0,
	// 2: the parts every pod template shares.
	"pods.go": 2, "containers.go": 2,
	// 3: the objects that run pods.
	"workload.go": 3, "canaryworkload.go": 3, "stateful.go": 3, "cronjobs.go": 3, "predeploy.go": 3,
	// 4: the ways in, which call the features in order.
	"resolve.go": 4, "deploy.go": 4, "component.go": 4,
}

func floor(file string) int {
	if f, ok := floors[file]; ok {
		return f
	}
	return 1
}

func TestNoReferenceRunsBackUp(t *testing.T) {
	refs := fileReferences(t)
	for _, from := range sortedKeys(refs) {
		for _, to := range sortedKeys(refs[from]) {
			if floor(to) > floor(from) {
				t.Errorf("%s (floor %d) refers to %s (floor %d): %s",
					from, floor(from), to, floor(to), strings.Join(refs[from][to], ", "))
			}
		}
	}
	for _, file := range sortedKeys(refs) {
		if floor(file) == 0 {
			continue
		}
		if cycle := cycleFrom(file, refs, []string{file}); cycle != nil {
			t.Errorf("files refer to each other in a circle: %s", strings.Join(cycle, " → "))
		}
	}
}

// TestFloorsNameExistingFiles keeps the table in step with the files.
func TestFloorsNameExistingFiles(t *testing.T) {
	for _, file := range sortedKeys(floors) {
		if !slices.Contains(mustGlob(t), file) {
			t.Errorf("floors lists %s, which is not a file of the package", file)
		}
	}
}

func mustGlob(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// cycleFrom is a way from path's last file back to start through files above the ground
// floor, or nil.
func cycleFrom(start string, refs map[string]map[string][]string, path []string) []string {
	for _, next := range sortedKeys(refs[path[len(path)-1]]) {
		switch {
		case next == start:
			return append(path, next)
		case floor(next) == 0 || slices.Contains(path, next):
			continue
		}
		if cycle := cycleFrom(start, refs, append(slices.Clone(path), next)); cycle != nil {
			return cycle
		}
	}
	return nil
}

// fileReferences maps each non-test file to the files whose package-level names it uses
// (methods by their name), with those names.
func fileReferences(t *testing.T) map[string]map[string][]string {
	t.Helper()
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	defined, methods := map[string]string{}, map[string]string{}
	for _, path := range mustGlob(t) {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed[path] = file
		for _, decl := range file.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil {
					defined[decl.Name.Name] = path
				} else {
					methods[decl.Name.Name] = path
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						defined[spec.Name.Name] = path
					case *ast.ValueSpec:
						for _, name := range spec.Names {
							defined[name.Name] = path
						}
					}
				}
			}
		}
	}
	if len(parsed) == 0 {
		t.Fatal("no Go files found")
	}
	refs := map[string]map[string][]string{}
	for path, file := range parsed {
		refs[path] = map[string][]string{}
		use := func(in map[string]string, name string) {
			if to, ok := in[name]; ok && to != path && !slices.Contains(refs[path][to], name) {
				refs[path][to] = append(refs[path][to], name)
			}
		}
		var visit func(n ast.Node) bool
		visit = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr: // x.Name: a method, or a field, which is not counted
				use(methods, n.Sel.Name)
				ast.Inspect(n.X, visit)
				return false
			case *ast.Ident:
				use(defined, n.Name)
			}
			return true
		}
		ast.Inspect(file, visit)
	}
	return refs
}
