package dev.ergon.cli.internal;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * picocli's model of {@code ergon measure}, and of {@code ergon} above it, built by calls instead of read from the
 * annotations of {@link ErgonCommand}, {@link MeasureCommand}, {@link GlobalOptions} and {@link MeterOptions}.
 *
 * <p>Reading the annotations in a fresh JVM makes it generate a proxy class per annotation type and parse the fields'
 * generic signatures: about 50 ms of CPU, a tenth of what {@code ergon measure -- true} costs in all. The annotations
 * remain the definition (every other command line, {@code ergon help measure}); {@code MeasureModelTest} checks that
 * this model is the one picocli reads from them, attribute by attribute, by its usage text and by what it parses.
 *
 * <p>This class is internal and is hence not for public use. Thread-safe: it has no state; each call builds a new
 * model around the objects it is given.
 */
final class MeasureModel {
  private MeasureModel() {}

  /**
   * Builds the command line of {@code ergon} with {@code measure} as its only subcommand, setting the options of
   * these objects as the annotated model would (and their {@code spec} fields).
   *
   * @param ergon the top-level command
   * @param measure the measure command
   * @return the command line, without the output streams, handlers and parser settings that
   *     {@link ErgonCommand#commandLine(java.io.PrintWriter, java.io.PrintWriter, String...)} adds
   */
  static CommandLine commandLine(ErgonCommand ergon, MeasureCommand measure) {
    CommandSpec top = CommandSpec.wrapWithoutInspection(ergon);
    top.name("ergon");
    top.scopeType(ScopeType.INHERIT);
    top.versionProvider(new VersionProvider());
    top.usageMessage()
        .description(ErgonCommand.DESCRIPTION, "")
        .synopsisSubcommandLabel("COMMAND")
        .footer("", ErgonCommand.FOOTER);
    top.addMixin("global", global(ergon.global));
    ergon.spec = top;

    CommandSpec m = CommandSpec.wrapWithoutInspection(measure);
    m.name("measure");
    m.usageMessage()
        .sortOptions(false)
        .description(MeasureCommand.DESCRIPTION_1, "", MeasureCommand.DESCRIPTION_2, "")
        .footer("", MeasureCommand.FOOTER_1, MeasureCommand.FOOTER_2);
    m.addMixin("global", global(measure.global));
    m.addOption(option("--name", "NAME", MeasureCommand.NAME_DESCRIPTION, String.class,
        new Binding(measure, "name")));
    Binding tags = new Binding(measure, "tags");
    m.addOption(OptionSpec.builder("--tag")
        .paramLabel("KEY=VALUE")
        .description(MeasureCommand.TAG_DESCRIPTION)
        .descriptionKey("")
        .type(Map.class)
        .auxiliaryTypes(String.class, String.class)
        .getter(tags)
        .setter(tags)
        .initialValue(measure.tags)
        .hasInitialValue(true)
        .build());
    m.addOption(option("--ledger", "FILE", MeasureCommand.LEDGER_DESCRIPTION, Path.class,
        new Binding(measure, "ledger")));
    m.addOption(flag("--no-ledger", "<noLedger>", MeasureCommand.NO_LEDGER_DESCRIPTION,
        new Binding(measure, "noLedger")));
    m.addOption(option("--region", "ZONE", MeasureCommand.REGION_DESCRIPTION, String.class,
        new Binding(measure, "region")));
    m.addOption(option("--pue", "X", MeasureCommand.PUE_DESCRIPTION, Double.class,
        new Binding(measure, "pue")));
    m.addOption(option("--attribution", "POLICY", MeasureCommand.ATTRIBUTION_DESCRIPTION,
        MeasureCommand.AttributionChoice.class,
        new Binding(measure, "attribution")));
    m.addMixin("meterOptions", meterOptions(measure.meterOptions));
    Binding interval = new Binding(measure, "interval");
    m.addOption(OptionSpec.builder("--interval")
        .paramLabel("DURATION")
        .description(MeasureCommand.INTERVAL_DESCRIPTION)
        .descriptionKey("")
        .type(Duration.class)
        .converters(new DurationConverter())
        .getter(interval)
        .setter(interval)
        .initialValue(measure.interval)
        .hasInitialValue(true)
        .build());
    m.addOption(flag("--json", "<json>", MeasureCommand.JSON_DESCRIPTION,
        new Binding(measure, "json")));
    Binding command = new Binding(measure, "command");
    m.addPositional(PositionalParamSpec.builder()
        .index("*")
        .arity("1..*")
        .required(true)
        .paramLabel("COMMAND")
        .description(MeasureCommand.COMMAND_DESCRIPTION)
        .descriptionKey("")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .getter(command)
        .setter(command)
        .initialValue(measure.command)
        .hasInitialValue(true)
        .build());
    measure.spec = m;

    CommandLine cl = new CommandLine(top);
    // Adding measure copies the inherited attributes (version provider, subcommand label) from ergon into it, as for
    // the annotated model. The standard help options are added to each afterwards, as picocli's annotation reader
    // would add them, but without its annotated mixin class: added before, they would make picocli read it.
    cl.addSubcommand("measure", new CommandLine(m));
    top.addMixin("mixinStandardHelpOptions", standardHelpOptions());
    m.addMixin("mixinStandardHelpOptions", standardHelpOptions());
    return cl;
  }

  private static CommandSpec global(GlobalOptions options) {
    CommandSpec s = CommandSpec.wrapWithoutInspection(options);
    s.addOption(flag("--verbose", "<verbose>", GlobalOptions.VERBOSE_DESCRIPTION,
        new Binding(options, "verbose")));
    return s;
  }

  private static CommandSpec meterOptions(MeterOptions options) {
    CommandSpec s = CommandSpec.wrapWithoutInspection(options);
    s.addOption(list("--meter", MeterOptions.METER_DESCRIPTION,
        new Binding(options, "only")));
    s.addOption(list("--exclude-meter", MeterOptions.EXCLUDE_METER_DESCRIPTION,
        new Binding(options, "excluded")));
    s.addOption(option("--powercap-root", "DIR", MeterOptions.POWERCAP_ROOT_DESCRIPTION, Path.class,
        new Binding(options, "powercapRoot")));
    s.addOption(option("--nvml-library", "PATH", MeterOptions.NVML_LIBRARY_DESCRIPTION, Path.class,
        new Binding(options, "nvmlLibrary")));
    s.addOption(option("--amdsmi-library", "PATH", MeterOptions.AMDSMI_LIBRARY_DESCRIPTION, Path.class,
        new Binding(options, "amdsmiLibrary")));
    return s;
  }

  /* The fields of -h and -V, which picocli sets when they are given; their values are never read. */
  @SuppressWarnings("UnusedVariable") // read and written by reflection (Binding)
  private static final class StandardHelpFlags {
    boolean help;
    boolean version;
  }

  /* -h and -V, as picocli's mixinStandardHelpOptions declares them. */
  private static CommandSpec standardHelpOptions() {
    CommandSpec s = CommandSpec.wrapWithoutInspection(new Object());
    StandardHelpFlags flags = new StandardHelpFlags();
    Binding help = new Binding(flags, "help");
    Binding version = new Binding(flags, "version");
    s.addOption(OptionSpec.builder("-h", "--help")
        .usageHelp(true)
        .paramLabel("<helpRequested>")
        .descriptionKey("mixinStandardHelpOptions.help")
        .description("Show this help message and exit.")
        .type(boolean.class)
        .getter(help)
        .setter(help)
        .initialValue(false)
        .hasInitialValue(true)
        .build());
    s.addOption(OptionSpec.builder("-V", "--version")
        .versionHelp(true)
        .paramLabel("<versionRequested>")
        .descriptionKey("mixinStandardHelpOptions.version")
        .description("Print version information and exit.")
        .type(boolean.class)
        .getter(version)
        .setter(version)
        .initialValue(false)
        .hasInitialValue(true)
        .build());
    return s;
  }

  private static OptionSpec option(String name, String label, String description, Class<?> type, Binding binding) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .description(description)
        .descriptionKey("")
        .type(type)
        .getter(binding)
        .setter(binding)
        .initialValue(binding.value())
        .hasInitialValue(true)
        .build();
  }

  private static OptionSpec flag(String name, String label, String description, Binding binding) {
    return option(name, label, description, boolean.class, binding);
  }

  private static OptionSpec list(String name, String description, Binding binding) {
    return OptionSpec.builder(name)
        .paramLabel("NAME")
        .splitRegex(",")
        .description(description)
        .descriptionKey("")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .getter(binding)
        .setter(binding)
        .initialValue(binding.value())
        .hasInitialValue(true)
        .build();
  }

  /**
   * Reads and writes one field of a command object by reflection, as picocli's binding of an annotated field does:
   * one class for every option, where a pair of lambdas per option would cost ~0.1 ms each to link at first use
   * (~4 ms of {@code ergon measure}'s start-up for its 20 options).
   */
  private static final class Binding implements IGetter, ISetter {
    private final Object owner;
    private final Field field;

    /**
     * Binds a field.
     *
     * @param owner the object whose field it is
     * @param name the field's name
     * @throws IllegalStateException if the owner's class has no such field
     */
    Binding(Object owner, String name) {
      this.owner = owner;
      try {
        this.field = owner.getClass().getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(owner.getClass().getSimpleName() + " has no field " + name
            + " for MeasureModel to bind", e);
      }
    }

    @Nullable Object value() {
      try {
        return field.get(owner);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("MeasureModel cannot read " + field, e);
      }
    }

    @Override
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // picocli's IGetter declares it so
    public <T> @Nullable T get() {
      return (T) value();
    }

    @Override
    @SuppressWarnings("unchecked") // picocli sets a value of the option's type
    public <T> @Nullable T set(@Nullable T value) {
      T old = (T) value();
      try {
        field.set(owner, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("MeasureModel cannot set " + field, e);
      }
      return old;
    }
  }
}
