package dev.ergon.accounting.scope2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every spelling instrument files use, its aliases, case, separators and blanks around it; unknown ones are empty. */
class InstrumentTypeParseTest {

  @Test
  void eachTypeByItsWrittenName() {
    assertEquals(Optional.of(InstrumentType.REC), InstrumentType.parse("rec"));
    assertEquals(Optional.of(InstrumentType.GO), InstrumentType.parse("go"));
    assertEquals(Optional.of(InstrumentType.REGO), InstrumentType.parse("rego"));
    assertEquals(Optional.of(InstrumentType.I_REC), InstrumentType.parse("i-rec"));
    assertEquals(Optional.of(InstrumentType.OTHER_CERTIFICATE), InstrumentType.parse("certificate"));
    assertEquals(Optional.of(InstrumentType.PPA), InstrumentType.parse("ppa"));
    assertEquals(Optional.of(InstrumentType.DIRECT_LINE), InstrumentType.parse("direct_line"));
    assertEquals(Optional.of(InstrumentType.SUPPLIER_RATE), InstrumentType.parse("supplier_rate"));
  }

  @Test
  void aliasesCaseSeparatorsAndBlanks() {
    assertEquals(Optional.of(InstrumentType.I_REC), InstrumentType.parse("irec"));
    assertEquals(Optional.of(InstrumentType.I_REC), InstrumentType.parse(" I-REC "));
    assertEquals(Optional.of(InstrumentType.I_REC), InstrumentType.parse("i_rec"));
    assertEquals(Optional.of(InstrumentType.OTHER_CERTIFICATE), InstrumentType.parse("EAC"));
    assertEquals(Optional.of(InstrumentType.OTHER_CERTIFICATE), InstrumentType.parse("eac"));
    assertEquals(Optional.of(InstrumentType.OTHER_CERTIFICATE), InstrumentType.parse("Certificate"));
    assertEquals(Optional.of(InstrumentType.OTHER_CERTIFICATE), InstrumentType.parse("other-certificate"));
    assertEquals(Optional.of(InstrumentType.DIRECT_LINE), InstrumentType.parse("Direct-Line"));
    assertEquals(Optional.of(InstrumentType.SUPPLIER_RATE), InstrumentType.parse("\tSUPPLIER-RATE"));
  }

  @Test
  void unknownSpellingsAreEmpty() {
    assertEquals(Optional.empty(), InstrumentType.parse("i rec"));
    assertEquals(Optional.empty(), InstrumentType.parse("certificates"));
    assertEquals(Optional.empty(), InstrumentType.parse(""));
    assertEquals(Optional.empty(), InstrumentType.parse("gos"));
  }

  @Test
  void theRungsOfTheHierarchy() {
    assertEquals(InstrumentCategory.CERTIFICATE, InstrumentType.parse("irec").orElseThrow().category());
    assertEquals(InstrumentCategory.CERTIFICATE, InstrumentType.parse("eac").orElseThrow().category());
    assertEquals(InstrumentCategory.CONTRACT, InstrumentType.parse("ppa").orElseThrow().category());
    assertEquals(InstrumentCategory.SUPPLIER, InstrumentType.parse("supplier_rate").orElseThrow().category());
  }
}
