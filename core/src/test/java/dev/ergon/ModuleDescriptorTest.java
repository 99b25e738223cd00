package dev.ergon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JPMS descriptor exports exactly the public API, never the internals. */
class ModuleDescriptorTest {

  @Test
  void exportsExactlyTheApiPackages() throws Exception {
    Path classes = Path.of(EnergyMonitor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor d = ModuleFinder.of(classes).find("dev.ergon.core").orElseThrow().descriptor();
    Set<String> exports = d.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("dev.ergon", "dev.ergon.spi", "dev.ergon.spi.support", "dev.ergon.ledger"), exports);
    assertTrue(d.packages().contains("dev.ergon.internal"));
    assertTrue(d.uses().contains("dev.ergon.spi.MeterProvider"));
  }
}
