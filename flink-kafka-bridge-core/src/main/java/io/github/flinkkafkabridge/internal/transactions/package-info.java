/**
 * Internal: the Kafka transaction plumbing shared by the sink's EXACTLY_ONCE writer and committer
 * and the source's EXACTLY_ONCE dead-letter writer. The pool of transactional ids of a writer
 * instance ({@link io.github.flinkkafkabridge.internal.transactions.TransactionalIdPool}), what it
 * checkpoints ({@link io.github.flinkkafkabridge.internal.transactions.KafkaWriterState}, {@link
 * io.github.flinkkafkabridge.internal.transactions.KafkaCommittable}), how a transaction is begun
 * ({@link io.github.flinkkafkabridge.internal.transactions.TransactionStarter}) and committed
 * ({@link io.github.flinkkafkabridge.internal.transactions.TransactionCommit}), what happens at
 * start to the transactions an earlier attempt left ({@link
 * io.github.flinkkafkabridge.internal.transactions.TransactionRecovery}, {@link
 * io.github.flinkkafkabridge.internal.transactions.TransactionTimeoutCheck}, {@link
 * io.github.flinkkafkabridge.internal.transactions.TransactionalIdPrefixRegistry}), and the one
 * class touching kafka-clients internals ({@link
 * io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals}).
 *
 * <p>Not public API: may change in any release. It depends on no sink or source package, so both
 * can use it without depending on each other.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.internal.transactions;

import javax.annotation.ParametersAreNonnullByDefault;
