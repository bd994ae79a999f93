package io.yima.vault;

import java.util.Optional;

/**
 * Where a code sits in the packing hierarchy: the unit that holds it now (a case for an item, a pallet for a case)
 * and, when the code is itself a case or pallet, that unit with its children.
 *
 * @param code   the code as the vault names it (an item's or WeChat case's {@code code} text, or an SSCC's 18 digits)
 * @param known  false when the vault knows neither a code nor a unit by that read
 */
public record PackTree(String code, boolean known, Optional<PackUnit> parent, Optional<PackUnit> unit) {
}
