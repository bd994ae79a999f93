package io.yima.vault;

/**
 * Where a case's (or pallet's) own code comes from: a code of the line's case WeChat application (a row of
 * {@code code}, printed and read like an item code), or a GS1 SSCC-18 built by the vault ({@link Sscc}).
 */
public enum CaseCodeKind {
    WECHAT, SSCC
}
