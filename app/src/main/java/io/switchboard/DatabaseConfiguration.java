package io.switchboard;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings of the connection pool that depend on the database in use. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String BATCHED_INSERTS = "reWriteBatchedInserts";

    /**
     * On PostgreSQL, JDBC batches of inserts are sent as multi-row {@code INSERT}s (the driver's
     * {@code reWriteBatchedInserts}): a sync writes its extensions and results in batches of hundreds
     * of rows (issue 15). A value given in the URL or the pool's properties is kept.
     */
    @Bean
    static BeanPostProcessor postgresBatchedInserts() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool
                        && pool.getJdbcUrl() != null
                        && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                        && !pool.getJdbcUrl().contains(BATCHED_INSERTS)
                        && !pool.getDataSourceProperties().containsKey(BATCHED_INSERTS)) {
                    pool.addDataSourceProperty(BATCHED_INSERTS, "true");
                }
                return bean;
            }
        };
    }
}
