package dev.ergon.ledger;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.Configuration;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a URL location finds its store among the providers a class loader offers. */
class LedgerProviderLookupTest {
  private static final String SERVICES = "META-INF/services/" + LedgerProvider.class.getName();

  @TempDir
  Path dir;

  /** Takes {@code jdbc:ergontest:} URLs and opens an in-memory ledger. */
  public static final class TestStore implements LedgerProvider {
    /** Makes the provider (ServiceLoader's constructor). */
    public TestStore() {}

    @Override
    public boolean accepts(String location) {
      return location.startsWith("jdbc:ergontest:");
    }

    @Override
    public Ledger open(String location, Configuration config) {
      return new InMemoryLedger();
    }
  }

  /** A loader whose only provider list names a missing class, then {@link TestStore}. */
  private ClassLoader loader() throws IOException {
    Path list = Files.writeString(dir.resolve("providers"), "dev.ergon.ledger.NoSuchStore\n"
        + TestStore.class.getName() + "\n", StandardCharsets.UTF_8);
    URL url = list.toUri().toURL();
    return new ClassLoader(getClass().getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return SERVICES.equals(name) ? Collections.enumeration(java.util.List.of(url)) : super.getResources(name);
      }
    };
  }

  @Test
  void aBrokenProviderEntryIsSkippedAndTheOthersStillAsked() throws IOException {
    ClassLoader loader = loader();
    LedgerException e = assertThrows(LedgerException.class,
        () -> LedgerProvider.open("jdbc:other://h/db", Configuration.empty(), loader));
    assertTrue(String.valueOf(e.getMessage()).startsWith("no ledger store for 'jdbc:other:' URLs"), e.getMessage());
  }

  /** On the class path (as PIT runs the tests); in a named module ServiceLoader ignores class-path providers. */
  @Test
  void theFirstProviderThatAcceptsALocationOpensIt() throws IOException {
    Assumptions.assumeFalse(TestStore.class.getModule().isNamed(), "tests run in the named module");
    try (Ledger l = LedgerProvider.open("jdbc:ergontest:x", Configuration.empty(), loader())) {
      assertInstanceOf(InMemoryLedger.class, l);
    }
  }
}
