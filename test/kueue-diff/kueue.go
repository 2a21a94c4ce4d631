package main

// Kueue's controllers and scheduler in-process against envtest's
// kube-apiserver and etcd, wired the way cmd/kueue/main.go does (no webhooks,
// no job integrations: Workload objects are created directly).

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	crconfig "sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	config "sigs.k8s.io/kueue/apis/config/v1beta2"
	kueue "sigs.k8s.io/kueue/apis/kueue/v1beta2"
	qcache "sigs.k8s.io/kueue/pkg/cache/queue"
	schdcache "sigs.k8s.io/kueue/pkg/cache/scheduler"
	"sigs.k8s.io/kueue/pkg/constants"
	"sigs.k8s.io/kueue/pkg/controller/core"
	"sigs.k8s.io/kueue/pkg/controller/core/indexer"
	"sigs.k8s.io/kueue/pkg/scheduler"
	"sigs.k8s.io/kueue/pkg/scheduler/preemption/fairsharing"
)

type env struct {
	testEnv *envtest.Environment
	cfg     *rest.Config
	scheme  *runtime.Scheme
}

func startEnv(binDir, crdDir string) (*env, error) {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, kueue.AddToScheme, config.AddToScheme} {
		if err := add(scheme); err != nil {
			return nil, err
		}
	}
	te := &envtest.Environment{
		BinaryAssetsDirectory: binDir,
		CRDDirectoryPaths:     []string{crdDir},
		ErrorIfCRDPathMissing: true,
		Scheme:                scheme,
	}
	cfg, err := te.Start()
	if err != nil {
		return nil, fmt.Errorf("starting kube-apiserver and etcd from %s: %w", binDir, err)
	}
	return &env{testEnv: te, cfg: cfg, scheme: scheme}, nil
}

func (e *env) stop() { _ = e.testEnv.Stop() }

// startKueue runs Kueue's cache, queue manager, core controllers and
// scheduler until ctx ends.
func startKueue(ctx context.Context, e *env, c Case) (<-chan error, error) {
	mgr, err := ctrl.NewManager(e.cfg, ctrl.Options{
		Scheme:     e.scheme,
		Metrics:    metricsserver.Options{BindAddress: "0"},
		Controller: crconfig.Controller{SkipNameValidation: ptr.To(true)},
	})
	if err != nil {
		return nil, err
	}
	if err := indexer.Setup(ctx, mgr.GetFieldIndexer()); err != nil {
		return nil, err
	}
	cfg := &config.Configuration{}
	if c.FairSharing {
		strategies := []config.PreemptionStrategy{config.LessThanOrEqualToFinalShare, config.LessThanInitialShare}
		if len(c.PreemptionStrategies) > 0 {
			strategies = nil
			for _, s := range c.PreemptionStrategies {
				strategies = append(strategies, config.PreemptionStrategy(s))
			}
		}
		cfg.FairSharing = &config.FairSharing{PreemptionStrategies: strategies}
	}
	mgr.GetScheme().Default(cfg)

	cCache := schdcache.New(mgr.GetClient(), schdcache.WithFairSharing(fairsharing.Enabled(cfg.FairSharing)))
	requeuer := qcache.NewRequeuer(qcache.RequeueBatchPeriodProd)
	if err := mgr.Add(requeuer); err != nil {
		return nil, err
	}
	queues := qcache.NewManager(mgr.GetClient(), cCache, requeuer)
	if failed, err := core.SetupControllers(mgr, queues, cCache, cfg, nil); err != nil {
		return nil, fmt.Errorf("controller %s: %w", failed, err)
	}
	sched := scheduler.New(queues, cCache, mgr.GetClient(), mgr.GetEventRecorderFor(constants.AdmissionName),
		scheduler.WithFairSharing(cfg.FairSharing))
	if err := mgr.Add(sched); err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	return done, nil
}

func quantity(n int) resource.Quantity { return *resource.NewQuantity(int64(n), resource.DecimalSI) }

func optQuantity(n *int) *resource.Quantity {
	if n == nil {
		return nil
	}
	q := quantity(*n)
	return &q
}

func fairSharingOf(weight string) (*kueue.FairSharing, error) {
	if weight == "" {
		return nil, nil
	}
	q, err := resource.ParseQuantity(weight)
	if err != nil {
		return nil, fmt.Errorf("weight %q: %w", weight, err)
	}
	return &kueue.FairSharing{Weight: &q}, nil
}

func resourceGroups(q Quota) []kueue.ResourceGroup {
	return []kueue.ResourceGroup{{
		CoveredResources: []corev1.ResourceName{gpuResource},
		Flavors: []kueue.FlavorQuotas{{
			Name: flavorName,
			Resources: []kueue.ResourceQuota{{
				Name:           gpuResource,
				NominalQuota:   quantity(q.NominalQuota),
				BorrowingLimit: optQuantity(q.BorrowingLimit),
				LendingLimit:   optQuantity(q.LendingLimit),
			}},
		}},
	}}
}

func policyOr(p, def string) string {
	if p == "" {
		return def
	}
	return p
}

// createShape creates the case's ResourceFlavor, Cohorts, ClusterQueues and
// one LocalQueue per ClusterQueue (same name, namespace default).
func createShape(ctx context.Context, cl client.Client, c Case) error {
	objs := []client.Object{&kueue.ResourceFlavor{ObjectMeta: metav1.ObjectMeta{Name: flavorName}}}
	for _, co := range c.Cohorts {
		fs, err := fairSharingOf(co.Weight)
		if err != nil {
			return fmt.Errorf("cohort %s: %w", co.Name, err)
		}
		obj := &kueue.Cohort{ObjectMeta: metav1.ObjectMeta{Name: co.Name}, Spec: kueue.CohortSpec{ParentName: kueue.CohortReference(co.Parent), FairSharing: fs}}
		if co.Quota != nil {
			obj.Spec.ResourceGroups = resourceGroups(*co.Quota)
		}
		objs = append(objs, obj)
	}
	for _, q := range c.ClusterQueues {
		fs, err := fairSharingOf(q.Weight)
		if err != nil {
			return fmt.Errorf("clusterQueue %s: %w", q.Name, err)
		}
		p := q.Preemption
		cq := &kueue.ClusterQueue{
			ObjectMeta: metav1.ObjectMeta{Name: q.Name},
			Spec: kueue.ClusterQueueSpec{
				CohortName:        kueue.CohortReference(q.Cohort),
				ResourceGroups:    resourceGroups(q.Quota),
				QueueingStrategy:  kueue.QueueingStrategy(policyOr(q.QueueingStrategy, string(kueue.BestEffortFIFO))),
				NamespaceSelector: &metav1.LabelSelector{},
				FairSharing:       fs,
				Preemption: &kueue.ClusterQueuePreemption{
					WithinClusterQueue:  kueue.PreemptionPolicy(policyOr(p.WithinClusterQueue, "Never")),
					ReclaimWithinCohort: kueue.PreemptionPolicy(policyOr(p.ReclaimWithinCohort, "Never")),
					BorrowWithinCohort: &kueue.BorrowWithinCohort{
						Policy:               kueue.BorrowWithinCohortPolicy(policyOr(p.BorrowWithinCohort, "Never")),
						MaxPriorityThreshold: p.MaxPriorityThreshold,
					},
				},
			},
		}
		lq := &kueue.LocalQueue{ObjectMeta: metav1.ObjectMeta{Name: q.Name, Namespace: namespace}, Spec: kueue.LocalQueueSpec{ClusterQueue: kueue.ClusterQueueReference(q.Name)}}
		objs = append(objs, cq, lq)
	}
	for _, o := range objs {
		if err := cl.Create(ctx, o); err != nil {
			return fmt.Errorf("creating %T %s: %w", o, o.GetName(), err)
		}
	}
	// Wait until every ClusterQueue is Active (its flavor and cohort seen by the cache).
	return waitFor(ctx, 30*time.Second, func() (bool, error) {
		var list kueue.ClusterQueueList
		if err := cl.List(ctx, &list); err != nil {
			return false, err
		}
		active := 0
		for _, cq := range list.Items {
			for _, cond := range cq.Status.Conditions {
				if cond.Type == kueue.ClusterQueueActive && cond.Status == metav1.ConditionTrue {
					active++
				}
			}
		}
		return active == len(c.ClusterQueues), nil
	})
}

func newWorkload(w Create) *kueue.Workload {
	return &kueue.Workload{
		ObjectMeta: metav1.ObjectMeta{Name: w.Name, Namespace: namespace},
		Spec: kueue.WorkloadSpec{
			QueueName: kueue.LocalQueueName(w.Queue),
			Priority:  ptr.To(w.Priority),
			PodSets: []kueue.PodSet{{
				Name:  kueue.DefaultPodSetName,
				Count: int32(w.pods()),
				Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
					RestartPolicy: corev1.RestartPolicyNever,
					Containers: []corev1.Container{{
						Name:      "main",
						Image:     "pause",
						Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{gpuResource: quantity(w.GPUs)}},
					}},
				}},
			}},
		},
	}
}

func waitFor(ctx context.Context, timeout time.Duration, cond func() (bool, error)) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := cond()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %s", timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
