package io.gochat.logic.storage;

/** The bytes of one {@code blob_data} row (a class: MyBatis reads a bare {@code byte[]} result as many rows). */
public class BlobData {
    private byte[] data;

    public byte[] getData() {
        return data;
    }

    public void setData(byte[] data) {
        this.data = data;
    }
}
