package io.balance.operator.admin;

/** One proxy pod's admin API: the pod (name and UID, so a restarted pod is a new endpoint) and where to reach it. */
public record PodEndpoint(String podName, String uid, String ip, int port) {
    public String baseUrl() {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return "http://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return podName + " (" + ip + ":" + port + ")";
    }
}
