// Command kueue-diff runs scripted cases (cases/*.json) through real Kueue
// and records, after each step, the admitted and pending workloads and the
// weighted shares. regenerate.sh runs it twice and merges the runs into
// reference/<kueue version>/, keeping as comparable only the steps whose
// outcome both runs agree on.
//
//	kueue-diff run   -bin DIR -crds DIR -cases DIR -out DIR [-only a,b] [-quiet 2s]
//	kueue-diff merge -a DIR -b DIR -out DIR
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-logr/logr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

type StepResult struct {
	Step    int     `json:"step"`
	Action  string  `json:"action"`
	Outcome Outcome `json:"outcome"`
	// Seconds from the step to the last change Kueue made.
	SettledAfter float64 `json:"settledAfterSeconds"`
	// Evicted workloads whose quota the driver released during this step.
	Evictions int `json:"evictions,omitempty"`
	// Set when the run did not settle (run files) or the two runs disagree (reference).
	Unstable  bool     `json:"unstable,omitempty"`
	SecondRun *Outcome `json:"secondRun,omitempty"`
	Error     string   `json:"error,omitempty"`
}

type Result struct {
	Case         string       `json:"case"`
	KueueVersion string       `json:"kueueVersion"`
	FairSharing  bool         `json:"fairSharing"`
	Steps        []StepResult `json:"steps"`
}

const kueueVersion = "v0.16.2"

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 {
		log.Fatal("usage: kueue-diff run|merge [flags]")
	}
	switch os.Args[1] {
	case "run":
		run(os.Args[2:])
	case "merge":
		merge(os.Args[2:])
	default:
		log.Fatalf("unknown command %q (run or merge)", os.Args[1])
	}
}

func run(args []string) {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	bin := fs.String("bin", "", "directory with kube-apiserver and etcd (test/cluster/build.sh output)")
	crds := fs.String("crds", "", "Kueue's config/components/crd/bases")
	casesDir := fs.String("cases", "cases", "directory of case files")
	out := fs.String("out", "", "directory for <case>.json results")
	only := fs.String("only", "", "comma-separated case names (default: all)")
	quiet := fs.Duration("quiet", 2*time.Second, "a step has settled after this long without a change")
	timeout := fs.Duration("timeout", 60*time.Second, "give up on a step after this long")
	verbose := fs.Bool("v", false, "Kueue's logs on stderr")
	_ = fs.Parse(args)
	if *bin == "" || *crds == "" || *out == "" {
		log.Fatal("run: -bin, -crds and -out are required")
	}
	if *verbose {
		ctrl.SetLogger(logr.FromSlogHandler(slog.NewTextHandler(os.Stderr, nil)))
	} else {
		ctrl.SetLogger(logr.Discard())
	}
	var names []string
	if *only != "" {
		names = strings.Split(*only, ",")
	}
	cases, err := loadCases(*casesDir, names)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, c := range cases {
		t0 := time.Now()
		res, err := runCase(*bin, *crds, c, *quiet, *timeout)
		if err != nil {
			log.Fatalf("case %s: %v", c.Name, err)
		}
		writeJSON(filepath.Join(*out, c.Name+".json"), res)
		unsettled := 0
		for _, s := range res.Steps {
			if s.Unstable {
				unsettled++
			}
		}
		log.Printf("%-34s %2d steps, %d unsettled, %.0f s", c.Name, len(res.Steps), unsettled, time.Since(t0).Seconds())
	}
}

// runCase gives each case its own kube-apiserver, etcd and Kueue, so that
// fair sharing can be switched and no state leaks between cases.
func runCase(bin, crds string, c Case, quiet, timeout time.Duration) (Result, error) {
	e, err := startEnv(bin, crds)
	if err != nil {
		return Result{}, err
	}
	defer e.stop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done, err := startKueue(ctx, e, c)
	if err != nil {
		return Result{}, err
	}
	cl, err := client.New(e.cfg, client.Options{Scheme: e.scheme})
	if err != nil {
		return Result{}, err
	}
	if err := createShape(ctx, cl, c); err != nil {
		return Result{}, err
	}
	obs := &observer{cl: cl, fair: c.FairSharing, created: map[string]bool{}, finished: map[string]bool{}}
	res := Result{Case: c.Name, KueueVersion: kueueVersion, FairSharing: c.FairSharing}
	for i, s := range c.Steps {
		// Kueue orders by creationTimestamp (whole seconds): the quiet period
		// (> 1 s) keeps each step's workload in a later second than the last.
		if err := obs.apply(ctx, s); err != nil {
			return Result{}, fmt.Errorf("step %d (%s): %w", i+1, s, err)
		}
		before := obs.evictions
		outcome, took, err := obs.settle(ctx, quiet, timeout)
		sr := StepResult{Step: i + 1, Action: s.String(), Outcome: outcome, SettledAfter: took.Round(10 * time.Millisecond).Seconds(), Evictions: obs.evictions - before}
		if err != nil {
			sr.Unstable, sr.Error = true, err.Error()
		}
		res.Steps = append(res.Steps, sr)
		select {
		case err := <-done:
			return Result{}, fmt.Errorf("Kueue's manager stopped: %v", err)
		default:
		}
	}
	return res, nil
}

func merge(args []string) {
	fs := flag.NewFlagSet("merge", flag.ExitOnError)
	a := fs.String("a", "", "first run's directory")
	b := fs.String("b", "", "second run's directory")
	out := fs.String("out", "", "reference directory")
	_ = fs.Parse(args)
	files, err := filepath.Glob(filepath.Join(*a, "*.json"))
	if err != nil || len(files) == 0 {
		log.Fatalf("merge: no results in %s", *a)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		var ra, rb Result
		readJSON(f, &ra)
		readJSON(filepath.Join(*b, filepath.Base(f)), &rb)
		if len(ra.Steps) != len(rb.Steps) {
			log.Fatalf("%s: %d steps in one run, %d in the other", ra.Case, len(ra.Steps), len(rb.Steps))
		}
		stable := 0
		for i := range ra.Steps {
			sa, sb := &ra.Steps[i], rb.Steps[i]
			if sa.Unstable || sb.Unstable || sa.Outcome.key() != sb.Outcome.key() {
				sa.Unstable = true
				second := sb.Outcome
				sa.SecondRun = &second
				if sa.Error == "" {
					sa.Error = sb.Error
				}
			} else {
				stable++
			}
			sa.SettledAfter = max(sa.SettledAfter, sb.SettledAfter)
			sa.Evictions = max(sa.Evictions, sb.Evictions)
		}
		writeJSON(filepath.Join(*out, filepath.Base(f)), ra)
		log.Printf("%-34s %2d/%d steps stable", ra.Case, stable, len(ra.Steps))
	}
}

func writeJSON(path string, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}
