package main

// What the driver reads back after each step, how it decides Kueue has
// settled, and the job controller's part it plays (releasing evicted
// workloads' quota).

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	apimeta "k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/utils/clock"
	"sigs.k8s.io/controller-runtime/pkg/client"

	kueue "sigs.k8s.io/kueue/apis/kueue/v1beta2"
	"sigs.k8s.io/kueue/pkg/workload"
)

// Outcome of one step: what the TS test compares.
type Outcome struct {
	// Workloads holding quota (QuotaReserved true), sorted.
	Admitted []string `json:"admitted"`
	// Created, not finished, not holding quota, sorted.
	Pending []string `json:"pending"`
	// status.fairSharing.weightedShare of every ClusterQueue and Cohort (fair sharing on only).
	WeightedShares *Shares `json:"weightedShares,omitempty"`
}

type Shares struct {
	ClusterQueues map[string]int64 `json:"clusterQueues"`
	Cohorts       map[string]int64 `json:"cohorts"`
}

func (o Outcome) key() string {
	s := "admitted=" + strings.Join(o.Admitted, ",") + " pending=" + strings.Join(o.Pending, ",")
	if o.WeightedShares != nil {
		s += " shares=" + sharesKey(o.WeightedShares.ClusterQueues) + "|" + sharesKey(o.WeightedShares.Cohorts)
	}
	return s
}

func sharesKey(m map[string]int64) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s:%d", n, m[n])
	}
	return strings.Join(parts, ",")
}

type observer struct {
	cl        client.Client
	fair      bool
	created   map[string]bool
	finished  map[string]bool
	evictions int
}

func hasCondition(wl *kueue.Workload, t string) bool {
	return apimeta.IsStatusConditionTrue(wl.Status.Conditions, t)
}

// look reads the cluster, releases the quota of evicted workloads (what
// Kueue's job reconciler does once the job has stopped) and returns the
// outcome plus a fingerprint of everything that may still move.
func (o *observer) look(ctx context.Context) (Outcome, string, bool, error) {
	var wls kueue.WorkloadList
	if err := o.cl.List(ctx, &wls, client.InNamespace(namespace)); err != nil {
		return Outcome{}, "", false, err
	}
	out := Outcome{Admitted: []string{}, Pending: []string{}}
	var fp strings.Builder
	releasing := false
	seen := map[string]bool{}
	for i := range wls.Items {
		wl := &wls.Items[i]
		seen[wl.Name] = true
		reserved := hasCondition(wl, kueue.WorkloadQuotaReserved)
		evicted := hasCondition(wl, kueue.WorkloadEvicted)
		finished := hasCondition(wl, kueue.WorkloadFinished)
		fmt.Fprintf(&fp, "%s:%t:%t:%t:%t;", wl.Name, reserved, evicted, finished, hasCondition(wl, kueue.WorkloadAdmitted))
		if evicted && reserved && !finished {
			releasing = true
			if err := o.release(ctx, wl); err != nil {
				return Outcome{}, "", false, err
			}
			continue
		}
		switch {
		case finished:
		case reserved:
			out.Admitted = append(out.Admitted, wl.Name)
		default:
			out.Pending = append(out.Pending, wl.Name)
		}
	}
	for name := range o.created {
		if !seen[name] {
			return Outcome{}, "", false, fmt.Errorf("workload %s disappeared", name)
		}
	}
	sort.Strings(out.Admitted)
	sort.Strings(out.Pending)

	var cqs kueue.ClusterQueueList
	if err := o.cl.List(ctx, &cqs); err != nil {
		return Outcome{}, "", false, err
	}
	var cohorts kueue.CohortList
	if err := o.cl.List(ctx, &cohorts); err != nil {
		return Outcome{}, "", false, err
	}
	shares := &Shares{ClusterQueues: map[string]int64{}, Cohorts: map[string]int64{}}
	for _, cq := range cqs.Items {
		fmt.Fprintf(&fp, "cq %s:%d:%d:%d;", cq.Name, cq.Status.PendingWorkloads, cq.Status.ReservingWorkloads, cq.Status.AdmittedWorkloads)
		if cq.Status.FairSharing != nil {
			shares.ClusterQueues[cq.Name] = cq.Status.FairSharing.WeightedShare
		} else if o.fair {
			releasing = true // not reported yet
		}
	}
	for _, co := range cohorts.Items {
		if co.Status.FairSharing != nil {
			shares.Cohorts[co.Name] = co.Status.FairSharing.WeightedShare
		} else if o.fair {
			releasing = true
		}
	}
	if o.fair {
		out.WeightedShares = shares
	}
	fp.WriteString(out.key())
	return out, fp.String(), !releasing, nil
}

func (o *observer) release(ctx context.Context, wl *kueue.Workload) error {
	o.evictions++
	evCond := apimeta.FindStatusCondition(wl.Status.Conditions, kueue.WorkloadEvicted)
	clk := clock.RealClock{}
	return client.IgnoreNotFound(workload.PatchAdmissionStatus(ctx, o.cl, wl, clk, func(wl *kueue.Workload) (bool, error) {
		setRequeued := evCond.Reason == kueue.WorkloadEvictedByPreemption || evCond.Reason == kueue.WorkloadEvictedDueToNodeFailures
		updated := workload.SetRequeuedCondition(wl, evCond.Reason, evCond.Message, setRequeued)
		if workload.UnsetQuotaReservationWithCondition(wl, "Pending", evCond.Message, clk.Now()) {
			updated = true
		}
		return updated, nil
	}))
}

// settle polls until nothing has changed for `quiet` (and no evicted
// workload still holds quota), then returns the outcome.
func (o *observer) settle(ctx context.Context, quiet, timeout time.Duration) (Outcome, time.Duration, error) {
	start := time.Now()
	lastFP := ""
	lastChange := start
	for {
		out, fp, calm, err := o.look(ctx)
		if err != nil {
			return Outcome{}, 0, err
		}
		now := time.Now()
		if fp != lastFP || !calm {
			lastFP = fp
			lastChange = now
		} else if now.Sub(lastChange) >= quiet {
			return out, lastChange.Sub(start), nil
		}
		if now.Sub(start) > timeout {
			return out, now.Sub(start), fmt.Errorf("not settled after %s", timeout)
		}
		select {
		case <-ctx.Done():
			return Outcome{}, 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (o *observer) apply(ctx context.Context, s Step) error {
	if s.Create != nil {
		o.created[s.Create.Name] = true
		return o.cl.Create(ctx, newWorkload(*s.Create))
	}
	var wl kueue.Workload
	if err := o.cl.Get(ctx, client.ObjectKey{Namespace: namespace, Name: s.Finish}, &wl); err != nil {
		return fmt.Errorf("finish %s: %w", s.Finish, err)
	}
	o.finished[s.Finish] = true
	return workload.Finish(ctx, o.cl, &wl, kueue.WorkloadFinishedReasonSucceeded, "finished by the kueue-diff driver", clock.RealClock{}, nil)
}
