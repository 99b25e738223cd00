package dev.ergon.accounting.scope2;

import dev.ergon.accounting.InvalidDataException;
import dev.ergon.accounting.internal.InstrumentTableReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The contractual instruments a reporter holds, read from CSV files or given in code.
 *
 * <h2>Instrument file (CSV)</h2>
 *
 * <p>UTF-8, a header row, one instrument per row; {@code #} starts a comment line. Columns (lower case):
 *
 * <table>
 *   <caption>Instrument file columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>{@code id}</td><td>yes</td><td>serial number or id, unique per claim</td></tr>
 *   <tr><td>{@code type}</td><td>yes</td><td>{@code rec}, {@code go}, {@code rego}, {@code i-rec},
 *     {@code certificate}, {@code ppa}, {@code direct_line} or {@code supplier_rate}</td></tr>
 *   <tr><td>{@code market}</td><td>yes</td><td>grid zone ({@code DE}, {@code US}, {@code US-CAL-CISO}) or
 *     {@code EEA}</td></tr>
 *   <tr><td>{@code generation_start}</td><td>yes</td><td>first day of generation (or supply), ISO date, UTC</td></tr>
 *   <tr><td>{@code generation_end}</td><td>yes</td><td>last day of generation (or supply), inclusive</td></tr>
 *   <tr><td>{@code volume_mwh}</td><td>for all but supplier rates</td><td>electricity covered, MWh,
 *     {@code >= 0}</td></tr>
 *   <tr><td>{@code emission_rate}</td><td>no*</td><td>the rate conveyed, {@code >= 0}; *an instrument without one
 *     fails quality criterion 1 and is excluded</td></tr>
 *   <tr><td>{@code unit}</td><td>with a rate</td><td>unit of the rate: {@code g/kWh}, {@code kg/MWh},
 *     {@code t/MWh}, {@code lb/MWh}, ...</td></tr>
 *   <tr><td>{@code technology}</td><td>no</td><td>e.g. {@code wind}, {@code solar}, {@code hydro}</td></tr>
 *   <tr><td>{@code retired}</td><td>no</td><td>{@code true} if retired, redeemed or cancelled; default
 *     {@code false}</td></tr>
 *   <tr><td>{@code retired_for}</td><td>no</td><td>the entity on whose behalf it was retired</td></tr>
 *   <tr><td>{@code facility}</td><td>no</td><td>generating facility or product name</td></tr>
 * </table>
 *
 * <h2>Hourly generation file (CSV)</h2>
 *
 * <p>For {@link Matching#HOURLY}: columns {@code instrument_id}, {@code hour} (UTC hour start, e.g.
 * {@code 2026-06-01T12:00Z}) and {@code mwh}. Each instrument's hours must lie in its generation period and sum to
 * its volume (to 1 ppm).
 *
 * <p>A file is refused whole, with its path, the line and the reason, when a row is malformed, a type or unit
 * unknown, a number negative or NaN, or a date invalid.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Instruments {

  private static final Instruments EMPTY = new Instruments(List.of());

  private final List<Instrument> all;

  private Instruments(List<Instrument> all) {
    this.all = List.copyOf(all);
  }

  /**
   * Returns no instruments.
   *
   * @return the empty set
   */
  public static Instruments empty() {
    return EMPTY;
  }

  /**
   * Returns the given instruments.
   *
   * @param instruments the instruments, in any order (the allocation sorts them)
   * @return the set
   */
  public static Instruments of(Collection<Instrument> instruments) {
    return new Instruments(List.copyOf(instruments));
  }

  /**
   * Reads an instrument file.
   *
   * @param csv the file
   * @return the instruments
   * @throws InvalidDataException if the file is malformed: the message names the file, the line and the reason
   */
  public static Instruments load(Path csv) {
    return new Instruments(InstrumentTableReader.read(csv));
  }

  /**
   * Reads an instrument file and an hourly generation file for hourly matching.
   *
   * @param csv the instrument file
   * @param hourlyGenerationCsv the hourly generation file
   * @return the instruments with their hourly profiles
   * @throws InvalidDataException if either file is malformed, a profile names an unknown instrument, or a profile
   *     does not fit its instrument
   */
  public static Instruments load(Path csv, Path hourlyGenerationCsv) {
    return new Instruments(InstrumentTableReader.readHourly(InstrumentTableReader.read(csv), hourlyGenerationCsv));
  }

  /**
   * Returns the instruments.
   *
   * @return the instruments, in the order given
   */
  public List<Instrument> all() {
    return all;
  }

  /**
   * Tells whether there are none.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return all.isEmpty();
  }
}
