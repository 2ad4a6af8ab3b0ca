/**
 * Tier (b): a real kube-apiserver 1.20.2 and etcd through fabric8 {@code kube-api-test} (test
 * scope, version from the fabric8 BOM; binaries cached outside the work tree by
 * {@code scripts/provision/20-kube-apiserver.sh}, found through {@code KUBE_API_TEST_DIR}).
 * Every class carries {@code @ExtendWith(KubeApiServerPrerequisite.class)}: without the binaries
 * it is skipped with the reason, or fails with {@code CI=true}. One server per class.
 * <ul>
 * <li>{@link io.balance.operator.apiserver.CrdOnKubeApiServerTest}: the committed CRD is taken
 * (structural, status and scale subresources), the examples are stored as written, and schema
 * violations (enum, minimum, maximum, type, required, pattern) are refused naming the field.</li>
 * <li>{@link io.balance.operator.apiserver.OperatorOnKubeApiServerTest}: the shared
 * {@link io.balance.operator.mock.OperatorScenarios} with production settings (server-side apply
 * for dependents and status); the four scenarios a 1.20 server answers differently (no
 * autoscaling/v2, no policy/v1, no CEL, schema checks before the operator) are overridden; plus
 * the examples on 1.20, server-side apply and foreign managers, the status subresource leaving
 * the spec as written, and the scale subresource.</li>
 * </ul>
 * Like the mock there are no controllers and no garbage collector: the scenarios write
 * Deployment status themselves and never rely on cascading deletion. Namespaces are created
 * before use (NamespaceLifecycle admission).
 */
package io.balance.operator.apiserver;
