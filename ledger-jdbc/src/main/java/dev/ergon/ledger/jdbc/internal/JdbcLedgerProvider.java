package dev.ergon.ledger.jdbc.internal;

import dev.ergon.Configuration;
import dev.ergon.ledger.Ledger;
import dev.ergon.ledger.LedgerProvider;
import dev.ergon.ledger.jdbc.JdbcLedger;

/**
 * Opens {@code jdbc:postgresql:} ledger URLs for core's {@code ergon.ledger} setting.
 *
 * <p>This class is internal and is hence not for public use. Stateless and thread-safe.
 */
public final class JdbcLedgerProvider implements LedgerProvider {

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public JdbcLedgerProvider() {}

  @Override
  public boolean accepts(String location) {
    return location.startsWith("jdbc:postgresql:");
  }

  @Override
  public Ledger open(String location, Configuration config) {
    return JdbcLedger.open(location, config);
  }
}
