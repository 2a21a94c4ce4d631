// Command etcd is etcd's own server entry point, built from the version of
// go.etcd.io/etcd/server/v3 that k8s.io/kubernetes requires.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
