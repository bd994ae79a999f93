package io.yima.sim.wechat;

/**
 * Produces the encrypted download package for a range of an application: base64 of AES-128-CBC
 * (key = IV = the 16-character key) over lines {@code matrix code index url}. The same application and
 * index must always give the same code, so a re-download yields identical lines.
 */
public interface CodePackages {
    String base64Package(long applicationId, long codeStart, long codeEnd, String key);
}
