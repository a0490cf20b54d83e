package io.gochat.logic.storage;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Flyway migration 3 on every engine: user names get their comparison key ({@link NameKeys}). */
final class V3__Name_keys extends BaseJavaMigration {
    private final Dialect dialect;

    V3__Name_keys(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void migrate(Context context) throws Exception {
        NameKeys.addAndFill(context.getConnection(), dialect);
    }
}
