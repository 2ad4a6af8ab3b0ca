package io.balance.proxy.health;

import io.balance.proxy.resilience.ResilienceSettings;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends in the set, as far as ejection is concerned: it grants an ejection only while
 * fewer than {@code max_ejection_percent} of them are ejected. Ejections are rare, so counting
 * the ejected ones under a lock at that moment is cheaper than keeping a live count.
 */
public final class EjectionPool {
    private static final Logger LOG = LoggerFactory.getLogger(EjectionPool.class);

    private final Set<OutlierDetector> members = ConcurrentHashMap.newKeySet();

    public void add(OutlierDetector member) {
        members.add(member);
    }

    public void remove(OutlierDetector member) {
        members.remove(member);
    }

    /** Ejects {@code candidate} if the pool can spare it; false when the cap holds it back. */
    public synchronized boolean tryEject(OutlierDetector candidate, ResilienceSettings.Passive settings) {
        int ejected = 0;
        for (OutlierDetector member : members) {
            if (member != candidate && member.ejected()) {
                ejected++;
            }
        }
        int allowed = EjectionMath.maxEjected(members.size(), settings.maxEjectionPercent());
        if (ejected >= allowed) {
            LOG.debug("not ejecting: {} of {} backends ejected already (max_ejection_percent {})", ejected, members.size(),
                    settings.maxEjectionPercent());
            return false;
        }
        candidate.eject(settings);
        return true;
    }

    /** Lifts every ejection (passive checks switched off by a reload). */
    public void clearAll() {
        members.forEach(OutlierDetector::clear);
    }
}
