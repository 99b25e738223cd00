package dev.ergon.ledger;

import dev.ergon.Configuration;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A ledger store that a URL names, found with {@link ServiceLoader}: {@code ergon-ledger-jdbc} provides
 * {@code jdbc:postgresql://host/db}. Core knows no store but the JSON Lines file; a module on the class or module
 * path adds others without core depending on it.
 *
 * <p>Implementations are thread-safe and have a public no-argument constructor.
 *
 * @since 0.2
 */
public interface LedgerProvider {

  /**
   * Tells whether this provider opens a location.
   *
   * @param location the value of {@code ergon.ledger}, e.g. {@code jdbc:postgresql://db.example/ergon}
   * @return true if {@link #open} takes it
   */
  boolean accepts(String location);

  /**
   * Opens the ledger a location names.
   *
   * @param location a location {@link #accepts} took
   * @param config the configuration (credentials, options), read by the provider
   * @return the open ledger, owned by the caller
   * @throws LedgerException if it cannot be opened, with the reason and the fix (never a password)
   */
  Ledger open(String location, Configuration config);

  /**
   * Tells whether a location is a URL for a provider rather than a file: it starts with a scheme such as
   * {@code jdbc:}.
   *
   * @param location the value of {@code ergon.ledger}
   * @return true for {@code jdbc:...} locations
   */
  static boolean isUrl(String location) {
    return location.startsWith("jdbc:");
  }

  /**
   * Opens the ledger a location names: a URL through the first provider on the class loader's path that accepts
   * it, anything else as a JSON Lines file ({@link JsonLinesLedger#open(Path, Configuration)}).
   *
   * @param location a file path or a URL
   * @param config the configuration
   * @param loader where to look for providers
   * @return the open ledger, owned by the caller
   * @throws LedgerException if no provider takes a URL (naming the module to add) or the ledger cannot be opened
   */
  static Ledger open(String location, Configuration config, ClassLoader loader) {
    if (!isUrl(location)) {
      return JsonLinesLedger.open(Path.of(location), config);
    }
    ServiceLoader<LedgerProvider> providers = ServiceLoader.load(LedgerProvider.class, loader);
    for (var it = providers.iterator(); ; ) {
      LedgerProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        continue;
      }
      if (p.accepts(location)) {
        return p.open(location, config);
      }
    }
    int colon = location.indexOf(':', 5);
    throw new LedgerException("no ledger store for '" + (colon > 0 ? location.substring(0, colon) : location)
        + ":' URLs: add ergon-ledger-jdbc (for jdbc:postgresql:) to the class path, or set ergon.ledger to a file");
  }
}
