/**
 * Tier (b), still to come: the same {@link io.balance.operator.mock.OperatorScenarios} against a
 * real kube-apiserver and etcd through fabric8 {@code kube-api-test} (test scope, version from the
 * fabric8 BOM), with production settings: server-side apply for dependents and status, real
 * schema validation (CEL rules, enums, patterns) and admission. It is being provisioned
 * separately (binaries cached outside the work tree by {@code scripts/provision/}); the class to
 * add here is {@code OperatorOnKubeApiServerTest extends OperatorScenarios} with
 * {@code serverSideApply() == true}, installing {@code crds/} and a ServiceMonitor CRD at start.
 * Like the mock it has no controllers and no garbage collector, so the scenarios write Deployment
 * status themselves and never rely on cascading deletion. With {@code CI=true} a missing
 * kube-apiserver must fail the run, not skip it.
 */
package io.balance.operator.apiserver;
