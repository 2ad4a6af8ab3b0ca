package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.LF;

import io.netty.util.ByteProcessor;

/**
 * Finds the end of a message head across any number of reads: {@code forEachByte} stops at the LF
 * of the empty line that ends it. Lines may end in CRLF or a bare LF (RFC 9112 2.2).
 */
final class HeadEnd implements ByteProcessor {
    private boolean afterLf;
    private boolean afterLfCr;

    void reset() {
        afterLf = false;
        afterLfCr = false;
    }

    @Override
    public boolean process(byte b) {
        if (b == LF) {
            if (afterLf || afterLfCr) {
                reset();
                return false;
            }
            afterLf = true;
        } else if (b == CR && afterLf) {
            afterLf = false;
            afterLfCr = true;
        } else if (b != CR) {
            reset();
        }
        return true;
    }
}
