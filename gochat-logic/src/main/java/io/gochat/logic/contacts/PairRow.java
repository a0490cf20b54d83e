package io.gochat.logic.contacts;

/** Two user ids read back together (a friendship or a block); a bean MyBatis fills. */
public class PairRow {
    private long a;
    private long b;

    public long getA() {
        return a;
    }

    public void setA(long a) {
        this.a = a;
    }

    public long getB() {
        return b;
    }

    public void setB(long b) {
        this.b = b;
    }
}
