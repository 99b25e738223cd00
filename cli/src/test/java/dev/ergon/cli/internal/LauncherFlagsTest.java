package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The launcher ({@code cli/ergon}) tells picocli not to register its built-in converters for some packages; every
 * option and parameter of every command whose type is in one of them must then bring its own converter, or the
 * launched command would refuse values that the in-process command accepts.
 */
class LauncherFlagsTest {

  /** The regular expressions of {@code -Dpicocli.converters.excludes} in the launcher. */
  private static List<Pattern> excluded() throws IOException {
    String script = Files.readString(Path.of("ergon")); // surefire runs in the module's folder
    Matcher m = Pattern.compile("-Dpicocli\\.converters\\.excludes=([^'\"\\s]+)").matcher(script);
    assertTrue(m.find(), "the launcher sets picocli.converters.excludes");
    List<Pattern> out = new ArrayList<>();
    for (String regex : m.group(1).split(",")) {
      out.add(Pattern.compile(regex));
    }
    return out;
  }

  /** The type names of options and parameters without their own converter that the exclusions would leave bare. */
  static List<String> bare(CommandLine root, List<Pattern> excluded) {
    List<String> bare = new ArrayList<>();
    List<CommandLine> all = new ArrayList<>(List.of(root));
    for (int i = 0; i < all.size(); i++) {
      CommandSpec spec = all.get(i).getCommandSpec();
      all.addAll(all.get(i).getSubcommands().values());
      List<ArgSpec> args = new ArrayList<>(spec.options());
      args.addAll(spec.positionalParameters());
      for (ArgSpec a : args) {
        java.util.Set<Class<?>> types = new java.util.LinkedHashSet<>(List.of(a.type()));
        types.addAll(List.of(a.auxiliaryTypes())); // a single value's auxiliary type is its type
        for (Class<?> t : types) {
          boolean hit = excluded.stream().anyMatch(p -> p.matcher(t.getName()).matches());
          if (hit && a.converters().length == 0) {
            bare.add(spec.qualifiedName() + " " + a.paramLabel() + ": " + t.getName());
          }
        }
      }
    }
    return bare;
  }

  @Test
  void noOptionOfAnyCommandNeedsAConverterTheLauncherLeavesOut() throws IOException {
    List<Pattern> excluded = excluded();
    assertTrue(excluded.stream().anyMatch(p -> p.matcher("java.time.Duration").matches()), excluded.toString());
    assertTrue(excluded.stream().anyMatch(p -> p.matcher("java.sql.Timestamp").matches()), excluded.toString());
    assertEquals(List.of(), bare(ErgonCommand.annotated(), excluded));
    assertEquals(List.of(), bare(MeasureModel.commandLine(new ErgonCommand(), new MeasureCommand()), excluded));
  }

  /** An option of a java.time type without a converter, as a command might declare one. */
  @CommandLine.Command(name = "probe")
  static final class Probe {
    @CommandLine.Option(names = "--since")
    java.time.@org.jspecify.annotations.Nullable Instant since;

    @CommandLine.Option(names = "--every", converter = DurationConverter.class)
    java.time.@org.jspecify.annotations.Nullable Duration every;
  }

  @Test
  void theCheckFindsAnOptionThatWouldBeLeftBare() throws IOException {
    assertEquals(List.of("probe <since>: java.time.Instant"), bare(new CommandLine(new Probe()), excluded()));
  }
}
