package dev.ergon.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ergon.accounting.factors.EmissionFactors;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module exports its API packages and nothing else; the internal package stays hidden. */
class ModuleDescriptorTest {

  @Test
  void exportsExactlyTheApiPackages() {
    Module module = EmissionFactors.class.getModule();
    assertTrue(module.isNamed(), "tests run on the module path");
    ModuleDescriptor d = module.getDescriptor();
    assertEquals("dev.ergon.accounting", d.name());
    Set<String> exports = new TreeSet<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      assertTrue(e.targets().isEmpty(), "no qualified exports");
      exports.add(e.source());
    }
    assertEquals(Set.of("dev.ergon.accounting", "dev.ergon.accounting.cells", "dev.ergon.accounting.factors",
        "dev.ergon.accounting.scope2",
        "dev.ergon.accounting.sci"), exports);
    assertTrue(d.packages().contains("dev.ergon.accounting.internal"));
  }
}
