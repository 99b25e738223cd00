package dev.ergon.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;

/**
 * {@link MeasureModel}, built by calls, against the model picocli reads from the annotations of {@code ergon} and
 * {@code measure}: the same attributes, the same usage text, the same values and errors from the same arguments.
 */
class MeasureModelTest {

  /** What a run printed and returned, and the measure command's fields after parsing. */
  record Run(int code, String out, String err, String fields) {}

  private static CommandLine measure(CommandLine ergon) {
    return Objects.requireNonNull(ergon.getSubcommands().get("measure"), "measure");
  }

  private static CommandLine built(boolean annotated, StringWriter out, StringWriter err) {
    CommandLine cl;
    if (annotated) {
      cl = ErgonCommand.annotated("measure");
    } else {
      cl = MeasureModel.commandLine(new ErgonCommand(), new MeasureCommand());
    }
    // What ErgonCommand.commandLine adds to either.
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    measure(cl).setStopAtPositional(true);
    return cl;
  }

  /* Parses (never runs the command: --help and --version are answered, errors printed) and lists the fields. */
  private static Run parse(boolean annotated, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = built(annotated, out, err);
    MeasureCommand m = measure(cl).getCommand();
    int code;
    try {
      CommandLine.ParseResult r = cl.parseArgs(args);
      Integer help = CommandLine.executeHelpRequest(r);
      code = help == null ? -1 : help;
    } catch (CommandLine.ParameterException e) {
      code = new UsageErrorHandler().handleParseException(e, args);
    }
    String fields = "verbose=" + m.global.verbose + " name=" + m.name + " tags=" + m.tags + " ledger=" + m.ledger
        + " noLedger=" + m.noLedger + " region=" + m.region + " pue=" + m.pue + " attribution=" + m.attribution
        + " meter=" + m.meterOptions.only + " exclude=" + m.meterOptions.excluded + " powercap="
        + m.meterOptions.powercapRoot + " nvml=" + m.meterOptions.nvmlLibrary + " amdsmi="
        + m.meterOptions.amdsmiLibrary + " interval=" + m.interval + " json=" + m.json + " command=" + m.command
        + " spec=" + (m.spec == measure(cl).getCommandSpec());
    return new Run(code, out.toString(), err.toString(), fields);
  }

  private static String range(Range r) {
    return r + "(min " + r.min() + " max " + r.max() + " variable " + r.isVariable() + " unspecified "
        + r.isUnspecified() + " original " + r.originalValue() + ")";
  }

  private static String describe(ArgSpec a) {
    Object value = a.getValue();
    StringBuilder s = new StringBuilder();
    if (a instanceof OptionSpec o) {
      s.append("option ").append(Arrays.toString(o.names())).append(" usageHelp=").append(o.usageHelp())
          .append(" versionHelp=").append(o.versionHelp())
          .append(" order=").append(o.order()).append(" negatable=").append(o.negatable())
          .append(" fallback=").append(o.fallbackValue());
    } else {
      PositionalParamSpec p = (PositionalParamSpec) a;
      s.append("positional index=").append(range(p.index()));
    }
    return s.append(" arity=").append(range(a.arity())).append(" type=").append(a.type())
        .append(" aux=").append(Arrays.toString(a.auxiliaryTypes())).append(" typeInfo=")
        .append(a.typeInfo().getClassName()).append(a.typeInfo().isMultiValue()).append(a.typeInfo().isCollection())
        .append(a.typeInfo().isMap()).append(a.typeInfo().isEnum()).append(a.typeInfo().isBoolean())
        .append(" label=").append(a.paramLabel()).append(" split=").append(a.splitRegex())
        .append(" splitLabel=").append(a.splitRegexSynopsisLabel()).append(" description=")
        .append(Arrays.toString(a.description())).append(" descriptionKey=").append(a.descriptionKey())
        .append(" hidden=").append(a.hidden()).append(" required=").append(a.required())
        .append(" default=").append(a.defaultValue()).append(" showDefault=").append(a.showDefaultValue())
        .append(" hasInitial=").append(a.hasInitialValue()).append(" initial=").append(a.initialValue())
        .append(" inherited=").append(a.inherited()).append(" scopeType=").append(a.scopeType())
        .append(" converters=").append(Arrays.stream(a.converters()).map(c -> c.getClass().getName()).toList())
        .append(" interactive=").append(a.interactive()).append(" hideParamSyntax=").append(a.hideParamSyntax())
        .append(" completion=").append(a.completionCandidates()).append(" mapFallback=")
        .append(a.mapFallbackValue()).append(" group=").append(a.group()).append(" consumer=")
        .append(a.parameterConsumer()).append(" value=").append(value)
        .toString();
  }

  private static List<String> describe(CommandSpec c) {
    List<String> out = new ArrayList<>();
    UsageMessageSpec u = c.usageMessage();
    out.add("command " + c.qualifiedName() + " aliases=" + Arrays.toString(c.aliases()) + " scopeType="
        + c.scopeType() + " inherited=" + c.inherited() + " mixins=" + c.mixins().keySet() + " standardHelp="
        + c.mixinStandardHelpOptions() + " version=" + Arrays.toString(c.version()) + " versionProvider="
        + c.versionProvider().getClass().getName() + " exit codes=" + c.exitCodeOnSuccess() + ","
        + c.exitCodeOnUsageHelp() + "," + c.exitCodeOnVersionHelp() + "," + c.exitCodeOnInvalidInput() + ","
        + c.exitCodeOnExecutionException() + " helpCommand=" + c.helpCommand() + " interpolate="
        + c.interpolateVariables() + " repeatable=" + c.subcommandsRepeatable() + " defaults="
        + c.defaultValueProvider() + " userObject=" + c.userObject().getClass().getName()
        + " subcommands=" + c.subcommands().keySet());
    out.add("usage " + Arrays.toString(u.description()) + Arrays.toString(u.footer()) + Arrays.toString(u.header())
        + " sort=" + u.sortOptions() + "," + u.sortSynopsis() + " subcommandLabel=" + u.synopsisSubcommandLabel()
        + " abbreviate=" + u.abbreviateSynopsis() + " custom=" + Arrays.toString(u.customSynopsis()) + " width="
        + u.width() + "," + u.autoWidth() + "," + u.longOptionsMaxWidth() + " showDefaults=" + u.showDefaultValues()
        + " hidden=" + u.hidden() + " headings=" + u.headerHeading() + "|" + u.synopsisHeading() + "|"
        + u.descriptionHeading() + "|" + u.parameterListHeading() + "|" + u.optionListHeading() + "|"
        + u.commandListHeading() + "|" + u.footerHeading() + " requiredMarker=" + u.requiredOptionMarker()
        + " atFiles=" + u.showAtFileInUsageHelp() + " endOfOptions=" + u.showEndOfOptionsDelimiterInUsageHelp()
        + " sections=" + u.sectionKeys());
    out.add("parser " + c.parser());
    for (ArgSpec a : c.args()) {
      out.add(describe(a));
    }
    return out;
  }

  @Test
  void theModelHasEveryAttributeOfTheAnnotatedOne() {
    CommandLine annotated = built(true, new StringWriter(), new StringWriter());
    CommandLine built = built(false, new StringWriter(), new StringWriter());
    assertEquals(describe(annotated.getCommandSpec()), describe(built.getCommandSpec()));
    List<String> measure = describe(measure(built).getCommandSpec());
    assertEquals(describe(measure(annotated).getCommandSpec()), measure);
    // Not two empty lists: the options of measure, its mixins' and the standard ones, and COMMAND.
    assertEquals(3 + 15 + 1 + 2, measure.size(), String.join("\n", measure));
  }

  @Test
  void theUsageIsTheSameTextByteForByte() {
    for (String command : new String[] {"", "measure"}) {
      String[] text = new String[2];
      for (int i = 0; i < 2; i++) {
        CommandLine cl = built(i == 0, new StringWriter(), new StringWriter());
        StringWriter usage = new StringWriter();
        (command.isEmpty() ? cl : measure(cl)).usage(new PrintWriter(usage, true));
        text[i] = usage.toString();
      }
      assertEquals(text[0], text[1]);
      assertTrue(text[1].startsWith(command.isEmpty() ? "Usage: ergon " : "Usage: ergon measure "), text[1]);
    }
  }

  @Test
  void theSameArgumentsGiveTheSameValuesAndTheSameErrors() {
    String[][] cases = {
        {"measure", "true"},
        {"measure", "--", "sleep", "1"},
        {"measure", "--verbose", "--name", "job", "--tag", "a=1", "--tag=b=2", "--ledger", "l.jsonl", "--region",
            "DE", "--pue", "1.5", "--attribution", "PrOcEsS", "--meter", "estimate,nvml", "--meter", "powercap",
            "--exclude-meter", "amdsmi", "--powercap-root", "/tmp/p", "--nvml-library", "/x/libnvidia-ml.so.1",
            "--amdsmi-library", "/y/libamd_smi.so", "--interval", "250ms", "--json", "ls", "-l", "--json"},
        {"measure", "--no-ledger", "--", "--name", "x"},
        {"measure", "--help"},
        {"measure", "-h", "true"},
        {"measure", "--version"},
        {"measure"},
        {"measure", "--pue", "abc", "true"},
        {"measure", "--attribution", "both", "true"},
        {"measure", "--tag", "novalue", "true"},
        {"measure", "--interval", "0", "true"},
        {"measure", "--interval", "soon", "true"},
        {"measure", "--name"},
        {"measure", "--name", "a", "--name", "b", "true"},
        {"measure", "--bogus", "true"},
        {"measure", "--verbos", "true"},
        {"measure", "--json=yes", "true"},
    };
    for (String[] args : cases) {
      Run annotated = parse(true, args);
      Run built = parse(false, args);
      assertEquals(annotated, built, String.join(" ", args));
    }
    // Not vacuous: values were set, help was printed, errors were reported.
    assertTrue(parse(false, cases[2]).fields().contains("attribution=PROCESS"), parse(false, cases[2]).fields());
    assertTrue(parse(false, cases[2]).fields().contains("command=[ls, -l, --json]"));
    assertTrue(parse(false, "measure", "--help").out().startsWith("Usage: ergon measure "));
    assertTrue(parse(false, "measure", "--version").out().startsWith("ergon "));
    Run bad = parse(false, "measure", "--pue", "abc", "true");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--pue") && bad.err().contains("abc"), bad.err());
    assertFalse(bad.fields().contains("pue=abc"));
  }

  @Test
  void ergonMeasureUsesTheBuiltModel() {
    CommandLine cl = ErgonCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "measure", "true");
    CommandSpec measure = measure(cl).getCommandSpec();
    // picocli's annotation reader binds each option to its field; MeasureModel's bindings are its own.
    assertTrue(measure.findOption("--name").setter().getClass().getName().startsWith(MeasureModel.class.getName()));
    assertTrue(measure.parser().stopAtPositional());
  }
}
