package io.github.flinkkafkabridge.internal.transactions;

/**
 * What identifies an open Kafka transaction to its coordinator besides the transactional id: the
 * producer id and epoch, and whether the producer used transaction protocol version 2 (KIP-890).
 *
 * @param producerId the producer id
 * @param epoch the producer epoch
 * @param transactionV2 whether the transaction runs on transaction protocol version 2
 */
public record ProducerSession(long producerId, short epoch, boolean transactionV2) {}
