package org.mailflow.app.dashboard;

import org.mailflow.smtpauth.AuthProtocol;

/**
 * One authentication protocol's part of the week's messages, for the flyout's Basic vs OAuth split: its
 * name, the count, the share (0-1) and the text "share % (count)", rounded as the report rounds
 * (built by {@link DashboardViewModel#protocolShares}).
 */
public record ProtocolShare(AuthProtocol protocol, String name, long count, double share, String text) {
}
