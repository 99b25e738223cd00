package dev.ergon.cli.internal;

import dev.ergon.accounting.factors.EmissionFactors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the bundled emission factors on a background thread while {@code measure} runs its command: even from the
 * binary image the build makes of them (about 350 zones and 300 cloud regions) they take some tens of milliseconds of
 * CPU in a fresh JVM, and neither the first meter reading nor the command should wait for them (unless a region must
 * be checked first).
 *
 * <p>This class is internal and is hence not for public use. Thread-safe.
 */
final class FactorLoad {
  private final CompletableFuture<EmissionFactors> future;

  private FactorLoad(CompletableFuture<EmissionFactors> future) {
    this.future = future;
  }

  /**
   * Starts reading the bundled factors.
   *
   * @return the load in progress
   */
  static FactorLoad bundled() {
    return new FactorLoad(CompletableFuture.supplyAsync(EmissionFactors::bundled, task -> {
      Thread t = new Thread(task, "ergon-factors");
      t.setDaemon(true);
      t.start();
    }));
  }

  /**
   * Waits for the factors.
   *
   * @return the factors
   * @throws RuntimeException what reading them threw
   */
  EmissionFactors get() {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
