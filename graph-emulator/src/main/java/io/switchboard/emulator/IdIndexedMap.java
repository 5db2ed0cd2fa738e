package io.switchboard.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A map sorted by id (for paging with id cursors) whose lookups by id go through a hash index: a {@link TreeMap}
 * lookup of a GUID among 100,000 costs a few microseconds of cache misses, which dominated walking the members of
 * large groups. Only {@code put}, {@code remove} and {@code clear} may change it (not iterators or views).
 */
final class IdIndexedMap<V> extends TreeMap<String, V> {

    private final Map<String, V> index = new HashMap<>();

    @Override
    public V get(Object key) {
        return index.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return index.containsKey(key);
    }

    @Override
    public V put(String key, V value) {
        index.put(key, value);
        return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ? extends V> map) {
        map.forEach(this::put);
    }

    @Override
    public V remove(Object key) {
        index.remove(key);
        return super.remove(key);
    }

    @Override
    public void clear() {
        index.clear();
        super.clear();
    }
}
