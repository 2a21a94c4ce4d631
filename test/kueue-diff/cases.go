package main

// The case format, shared with the TypeScript test (cases.ts): one JSON file
// per case under cases/. GPUs are the only resource, on one ResourceFlavor.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const (
	gpuResource = "nvidia.com/gpu"
	flavorName  = "gpu"
	namespace   = "default"
)

type Case struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Kueue's Configuration fairSharing: on (with preemptionStrategies) or off.
	FairSharing          bool     `json:"fairSharing"`
	PreemptionStrategies []string `json:"preemptionStrategies,omitempty"`
	Cohorts              []Cohort `json:"cohorts"`
	ClusterQueues        []Queue  `json:"clusterQueues"`
	Steps                []Step   `json:"steps"`
}

// Quota of the GPU resource on the one flavor; nil limits are unset.
type Quota struct {
	NominalQuota   int  `json:"nominalQuota"`
	BorrowingLimit *int `json:"borrowingLimit,omitempty"`
	LendingLimit   *int `json:"lendingLimit,omitempty"`
}

type Cohort struct {
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"`
	// A fair-sharing weight as a Kubernetes quantity ("0", "0.5", "2"); unset = 1.
	Weight string `json:"weight,omitempty"`
	// The cohort's own quota; unset = none.
	Quota *Quota `json:"quota,omitempty"`
}

type Preemption struct {
	WithinClusterQueue  string `json:"withinClusterQueue,omitempty"`
	ReclaimWithinCohort string `json:"reclaimWithinCohort,omitempty"`
	BorrowWithinCohort  string `json:"borrowWithinCohort,omitempty"`
	// borrowWithinCohort's maxPriorityThreshold.
	MaxPriorityThreshold *int32 `json:"maxPriorityThreshold,omitempty"`
}

type Queue struct {
	Name             string     `json:"name"`
	Cohort           string     `json:"cohort,omitempty"`
	Quota            Quota      `json:"quota"`
	QueueingStrategy string     `json:"queueingStrategy,omitempty"`
	Preemption       Preemption `json:"preemption"`
	Weight           string     `json:"weight,omitempty"`
}

type Create struct {
	Name  string `json:"name"`
	Queue string `json:"queue"`
	// GPUs per pod; pods default to 1.
	GPUs     int   `json:"gpus"`
	Pods     int   `json:"pods,omitempty"`
	Priority int32 `json:"priority"`
}

// Exactly one of Create and Finish.
type Step struct {
	Create *Create `json:"create,omitempty"`
	Finish string  `json:"finish,omitempty"`
}

func (s Step) String() string {
	if s.Create != nil {
		return fmt.Sprintf("create %s (queue %s, %d×%d GPUs, priority %d)", s.Create.Name, s.Create.Queue, s.Create.pods(), s.Create.GPUs, s.Create.Priority)
	}
	return "finish " + s.Finish
}

func (c Create) pods() int {
	if c.Pods == 0 {
		return 1
	}
	return c.Pods
}

func loadCases(dir string, only []string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	want := map[string]bool{}
	for _, o := range only {
		want[o] = true
	}
	var cases []Case
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var c Case
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if base := strings.TrimSuffix(filepath.Base(f), ".json"); c.Name != base {
			return nil, fmt.Errorf("%s: name %q must match the file name", f, c.Name)
		}
		if len(want) > 0 && !want[c.Name] {
			continue
		}
		for i, s := range c.Steps {
			if (s.Create == nil) == (s.Finish == "") {
				return nil, fmt.Errorf("%s: steps[%d]: exactly one of create and finish", f, i)
			}
		}
		cases = append(cases, c)
	}
	return cases, nil
}
