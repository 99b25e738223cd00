/**
 * The fleet ledger on PostgreSQL.
 *
 * <pre>{@code
 * // ergon.ledger=jdbc:postgresql://db.internal/ergon?sslmode=verify-full, ERGON_LEDGER_USER, ERGON_LEDGER_PASSWORD
 * try (JdbcLedger ledger = JdbcLedger.open("jdbc:postgresql://db.internal/ergon", Configuration.fromEnvironment())) {
 *   ledger.append(record);            // batched with concurrent appends; spilled to a local file if the database is away
 * }
 * }</pre>
 */
@NullMarked
package dev.ergon.ledger.jdbc;

import org.jspecify.annotations.NullMarked;
