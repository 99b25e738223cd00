/**
 * Ergon's fleet ledger on PostgreSQL: {@link dev.ergon.ledger.jdbc.JdbcLedger}, its schema migrations and the
 * replay of spilled records.
 *
 * <p>{@code dev.ergon.ledger.jdbc.internal} is not exported.
 */
module dev.ergon.ledger.jdbc {
  requires static transitive org.jspecify;
  requires transitive dev.ergon.core;
  requires transitive dev.ergon.accounting; // the cells a report is made of, aggregated in SQL
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  requires org.slf4j;
  requires com.fasterxml.jackson.core;

  exports dev.ergon.ledger.jdbc;

  provides dev.ergon.ledger.LedgerProvider with dev.ergon.ledger.jdbc.internal.JdbcLedgerProvider;
}
