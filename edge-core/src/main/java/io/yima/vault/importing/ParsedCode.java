package io.yima.vault.importing;

/** One validated package line, ready to insert; {@code url} is already in its stored form (see UrlKey). */
record ParsedCode(long index, String code, Object url, byte[] matrix, int matrixHash, String file, int line) {

    String where() {
        return file + " line " + line;
    }
}
