package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.MailboxFixtures.DATE;
import static org.mailflow.ingest.MailboxFixtures.SEP_DATE;
import static org.mailflow.ingest.MailboxFixtures.bulkRows;
import static org.mailflow.ingest.MailboxFixtures.eventRows;
import static org.mailflow.ingest.MailboxFixtures.file;
import static org.mailflow.ingest.MailboxFixtures.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.FeedbackEvent;

/**
 * SPEC 5, "Mailboxes", the headers as Exchange Online and Outlook.com write them, end to end through
 * {@link ImportJob}: the {@code -Untrusted} verdicts of another tenant, the mailbox's own
 * {@code X-Microsoft-Antispam-Mailbox-Delivery}, {@code X-MS-Exchange-Organization-SCL}, the delivery
 * rules in their order, and the safe and blocked senders verdicts as feedback.
 */
class MailboxHeaderVariantsImportTest extends WithCache {
    /**
     * A newsletter from a Microsoft 365 tenant as it arrives in an Outlook.com mailbox, saved as it
     * was: the sending tenant's verdicts renamed {@code -Untrusted} (a BCL of 6, clean otherwise), the
     * Outlook.com mailbox's {@code dest:J}, and {@code %s} where the receiving side's own verdict
     * headers go (none in Outlook.com exports of such mail).
     */
    private static final String OUTLOOK_COM = """
            Received: from DM6PR02MB6843.namprd02.prod.outlook.com (2603:10b6:5:1b4::21)
             by LV3P220MB1043.NAMP220.PROD.OUTLOOK.COM with HTTPS; Thu, 12 Nov 2026
             08:31:07 +0000
            Received: from SA9PR13CA0101.namprd13.prod.outlook.com (2603:10b6:806:24::16)
             by DM6PR02MB6843.namprd02.prod.outlook.com (2603:10b6:5:1b4::21) with
             Microsoft SMTP Server (version=TLS1_2,
             cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.21; Thu, 12 Nov
             2026 08:31:05 +0000
            Received: from SA2PEPF00003AE8.namprd02.prod.outlook.com
             (2603:10b6:806:24:cafe::a7) by SA9PR13CA0101.outlook.office365.com
             (2603:10b6:806:24::16) with Microsoft SMTP Server (version=TLS1_2,
             cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.20 via Frontend
             Transport; Thu, 12 Nov 2026 08:31:05 +0000
            Authentication-Results: spf=pass (sender IP is 40.107.220.95)
             smtp.mailfrom=news.tailspin.example; dkim=pass (signature was verified)
             header.d=news.tailspin.example;dmarc=pass action=none
             header.from=news.tailspin.example;compauth=pass reason=100
            Received-SPF: Pass (protection.outlook.com: domain of news.tailspin.example
             designates 40.107.220.95 as permitted sender)
             receiver=protection.outlook.com; client-ip=40.107.220.95;
             helo=NAM11-CO1-obe.outbound.protection.outlook.com; pr=C
            Received: from NAM11-CO1-obe.outbound.protection.outlook.com (40.107.220.95)
             by SA2PEPF00003AE8.mail.protection.outlook.com (10.167.248.8) with Microsoft
             SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id
             15.20.8158.14 via Frontend Transport; Thu, 12 Nov 2026 08:31:04 +0000
            X-IncomingTopHeaderMarker:
             OriginalChecksum:5D1C6E8A0F4B2C93D7E1A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5;UpperCasedChecksum:1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F809;SizeAsReceived:9632;Count:45
            ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;
             b=Xq3kLpT7vN2mR8sW1zY4bH6cJ9dF0gA5eK3nM7pQ2rS8tU1vW4xY6zA9bC2dE5fG8hJ1kL4mN7p
             Q0rS3tU6vW9xY2zA5bC8dE1fG4hJ7kL0mN3pQ6rS9tU2vW5xY8zA1bC4dE7fG0hJ3kL6mN9pQ==
            ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;
             s=arcselector10001;
             h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0:X-MS-Exchange-AntiSpam-MessageData-1;
             bh=q2W5eR8tY1uI4oP7aS0dF3gH6jK9lZ2xC5vB8nM1qW4=;
             b=Lm4Np7Qr0St3Uv6Wx9Yz2Ab5Cd8Ef1Gh4Ij7Kl0Mn3Op6Qr9St2Uv5Wx8Yz1Ab4Cd7Ef0Gh3Ij6Kl
            ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass
             smtp.mailfrom=news.tailspin.example; dmarc=pass action=none
             header.from=news.tailspin.example; dkim=pass header.d=news.tailspin.example;
             arc=none
            DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=news.tailspin.example;
             s=selector1;
             h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck;
             bh=q2W5eR8tY1uI4oP7aS0dF3gH6jK9lZ2xC5vB8nM1qW4=;
             b=Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3Ab4Cd5Ef6Gh7Ij8Kl9Mn0Op1Qr2St3Uv4Wx5Y
            Received: from CH3PR12MB8658.namprd12.prod.outlook.com (2603:10b6:610:175::8)
             by SJ0PR12MB6904.namprd12.prod.outlook.com (2603:10b6:a03:483::16) with
             Microsoft SMTP Server (version=TLS1_2,
             cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.21; Thu, 12 Nov
             2026 08:31:02 +0000
            Received: from CH3PR12MB8658.namprd12.prod.outlook.com
             ([fe80::8a3c:1d2e:4f5a:6b7c]) by CH3PR12MB8658.namprd12.prod.outlook.com
             ([fe80::8a3c:1d2e:4f5a:6b7c%%5]) with mapi id 15.20.8158.021; Thu, 12 Nov 2026
             08:31:01 +0000
            From: =?utf-8?B?VGFpbHNwaW4gVG95cyDwn46B?= <News@News.Tailspin.example>
            To: "reader@outlook.example" <reader@outlook.example>
            Subject: =?utf-8?B?WW91ciB3ZWVrZW5kIGRlYWxzIGFyZSBoZXJlIPCfjok=?=
            Thread-Topic: Your weekend deals are here
            Thread-Index: AQHbNMzX0r7yq0m4V0uq3Yb6bN5xJg==
            Date: Thu, 12 Nov 2026 08:31:00 +0000
            Message-ID:
             <CH3PR12MB86581D2F4E0C1B9A7E5D3C2B1A0F9E8D7C6B5A4@CH3PR12MB8658.namprd12.prod.outlook.com>
            Accept-Language: en-US
            Content-Language: en-US
            X-MS-Has-Attach:
            X-MS-TNEF-Correlator:
            authentication-results: dkim=none (message not signed)
             header.d=none;dmarc=none action=none header.from=news.tailspin.example;
            x-ms-publictraffictype: Email
            x-ms-traffictypediagnostic:
             CH3PR12MB8658:EE_|SJ0PR12MB6904:EE_|SA2PEPF00003AE8:EE_|DM6PR02MB6843:EE_|LV3P220MB1043:EE_
            X-MS-Office365-Filtering-Correlation-Id: 2c1d9a3e-4b5f-4e6a-8c7d-9e0f1a2b3c4d
            X-MS-Exchange-SenderADCheck: 1
            X-MS-Exchange-AntiSpam-Relay: 0
            X-Microsoft-Antispam-Untrusted:
             BCL:6;ARA:13230040|366016|1800799024|376014|38070700018;
            X-Microsoft-Antispam-Message-Info-Original:
             BCL:9;kT4VnXcQd8Yb2Lh6Rp1Sw3Jf5Mg7Nz9Ac0Ed2Fh4Gj6Ik8Lm0On2Pq4Rs6Tu8Vw0Xy2Za4Bc6De8
             Fg0Hi2Jk4Lm6No8Pq0Rs2Tu4Vw6Xy8Za0Bc2De4Fg6Hi8Jk0Lm2No4Pq6Rs8Tu0Vw2Xy4Za6Bc8De0
            X-Forefront-Antispam-Report-Untrusted:
             CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:CH3PR12MB8658.namprd12.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230040)(366016)(1800799024)(376014)(38070700018);DIR:OUT;SFP:1102;
            x-ms-exchange-antispam-messagedata-chunkcount: 1
            x-ms-exchange-antispam-messagedata-0:
             dGhpcyBpcyBub3QgcmVhbCBtZXNzYWdlIGRhdGEsIG9ubHkgaXRzIHNoYXBlIGlzIHJlYWw=
            Content-Type: multipart/alternative;
            	boundary="_000_CH3PR12MB86581D2F4E0C1B9A_"
            MIME-Version: 1.0
            X-MS-Exchange-Transport-CrossTenantHeadersStamped: SJ0PR12MB6904
            Return-Path: news@news.tailspin.example
            X-MS-Exchange-Organization-ExpirationStartTime: 12 Nov 2026 08:31:05.1234
             (UTC)
            X-MS-Exchange-Organization-ExpirationStartTimeReason: OriginalSubmit
            X-MS-Exchange-Organization-ExpirationInterval: 1:00:00:00.0000000
            X-MS-Exchange-Organization-ExpirationIntervalReason: OriginalSubmit
            X-MS-Exchange-Organization-Network-Message-Id:
             7b9c1d2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e
            X-EOPAttributedMessage: 0
            X-EOPTenantAttributedMessage: 84df9e7f-e9f6-40af-b435-aaaaaaaaaaaa:0
            X-MS-Exchange-Organization-MessageDirectionality: Incoming
            X-MS-Exchange-Transport-CrossTenantHeadersStripped:
             SA2PEPF00003AE8.namprd02.prod.outlook.com
            X-MS-Exchange-Transport-CrossTenantHeadersPromoted:
             SA2PEPF00003AE8.namprd02.prod.outlook.com
            X-MS-PublicTrafficType: Email
            X-MS-TrafficTypeDiagnostic:
             SA2PEPF00003AE8:EE_|DM6PR02MB6843:EE_|LV3P220MB1043:EE_
            X-MS-Exchange-Organization-AuthSource:
             SA2PEPF00003AE8.namprd02.prod.outlook.com
            X-MS-Exchange-Organization-AuthAs: Anonymous
            X-MS-Office365-Filtering-Correlation-Id-Prvs:
             4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8
            X-MS-Exchange-Organization-SCL: 1
            %sX-MS-Exchange-CrossTenant-OriginalArrivalTime: 12 Nov 2026 08:31:04.9876
             (UTC)
            X-MS-Exchange-CrossTenant-FromEntityHeader: Internet
            X-MS-Exchange-CrossTenant-Id: 84df9e7f-e9f6-40af-b435-aaaaaaaaaaaa
            X-MS-Exchange-CrossTenant-RMS-PersistedConsumerOrg:
             00000000-0000-0000-0000-000000000000
            X-MS-Exchange-Transport-CrossTenantHeadersStamped: LV3P220MB1043
            X-MS-Exchange-Transport-EndToEndLatency: 00:00:02.6204419
            X-MS-Exchange-Processed-By-BccFoldering: 15.20.8158.014
            X-Microsoft-Antispam-Mailbox-Delivery:
             ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(910001)(944506478)(944626604)(920097)(425001)(930097);RF:JunkEmail;
            X-Microsoft-Antispam-Message-Info:
             =?us-ascii?Q?BCL:8;Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9m?=
             =?us-ascii?Q?cmVkdGh1ZHBsdWdoeHl6enl4d3Z1dHNycXBvbm1sa2ppaGdmZWRjYmE=?=
            MIME-Version: 1.0

            --_000_CH3PR12MB86581D2F4E0C1B9A_
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: base64

            WW91ciB3ZWVrZW5kIGRlYWxzIGFyZSBoZXJlLg0KWC1NaWNyb3NvZnQtQW50aXNwYW06IEJDTDo5Ow==

            --_000_CH3PR12MB86581D2F4E0C1B9A_--
            """;

    /** The receiving tenant's own verdicts, which win over the -Untrusted ones. */
    private static final String OWN_VERDICTS = """
            X-Microsoft-Antispam: BCL:2;ARA:13230040|1800799024|376014|69100299015|8096899003;
            X-Forefront-Antispam-Report:
             CIP:40.107.220.95;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:NAM11-CO1-obe.outbound.protection.outlook.com;PTR:mail-co1nam11on2095.outbound.protection.outlook.com;CAT:NONE;SFS:(13230040)(1800799024)(376014)(69100299015)(8096899003);DIR:INB;
            """;

    private static String outlookCom(String ownVerdicts, String dest) {
        return OUTLOOK_COM.formatted(ownVerdicts).replace("dest:J;OFR:SpamFilterAuthJ;", "dest:" + dest + ";");
    }

    @Test
    void outlookComMessageWithOnlyUntrustedVerdictsTakesItsBclFromThemAndDestJPutsItInJunk() throws Exception {
        Path saved = file(dir, "Saved messages/Your weekend deals are here.eml", OUTLOOK_COM.formatted("").replace("\n", "\r\n"));

        ImportSummary s = run(cache, saved);

        // The -Untrusted BCL of 6, not the 9 of the Message-Info headers nor the 9 quoted in the body; junk
        // only because the mailbox filed it there (the verdicts themselves are clean).
        assertThat(bulkRows(cache)).containsExactly("news@news.tailspin.example 2026-11-12 bcl=6 junk=1");
        assertThat(eventRows(cache)).isEmpty();
        assertThat(s.describe()).contains("Saved messages: 1 bulk message imported (eml, 1 message read, 0 without a BCL skipped)");
    }

    @Test
    void theReceivingTenantsOwnVerdictsWinOverTheUntrustedOnes() throws Exception {
        file(dir, "Archive/1.eml", outlookCom(OWN_VERDICTS, "I"));
        // Same shape, but the -Untrusted report calls it spam and the mailbox's dest says nothing (a user's rule).
        file(dir, "Archive/2.eml", outlookCom(OWN_VERDICTS.replace("BCL:2", "BCL:3").replace("SFV:NSPM", "SFV:SPM"), "C")
                .replace("News@News.Tailspin.example", "offers@news.tailspin.example"));

        run(cache, dir.resolve("Archive"));

        assertThat(bulkRows(cache)).containsExactly(
                "news@news.tailspin.example 2026-11-12 bcl=2 inbox=1",
                "offers@news.tailspin.example 2026-11-12 bcl=3 junk=1");
    }

    @Test
    void deliveryIsTheFolderElseTheMailboxsDestElseTheVerdicts() throws Exception {
        String clean = "X-Forefront-Antispam-Report: CIP:203.0.113.5;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;CAT:NONE;DIR:INB;";
        String mbox = "From a " + SEP_DATE + "\n" + message("b\n", "From: dest-i-spam@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:5;", "X-Forefront-Antispam-Report: SCL:9;SFV:SPM;CAT:SPM;",
                "X-Microsoft-Antispam-Mailbox-Delivery:", "\tucf:0;jmr:0;auth:0;dest:I;ENG:(910001)(944506478);")
                + "From b " + SEP_DATE + "\n" + message("b\n", "From: dest-c-catbulk@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:6;", "X-Forefront-Antispam-Report: SCL:1;SRV:;SFV:NSPM;CAT:BULK;",
                "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:C;OFR:CustomRules;ENG:(910001);")
                + "From c " + SEP_DATE + "\n" + message("b\n", "From: srv-bulk@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:7;", "X-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:1;SRV:BULK;IPV:NLI;SFV:NSPM;CAT:NONE;")
                + "From d " + SEP_DATE + "\n" + message("b\n", "From: org-scl@x.example", "Date: " + DATE,
                "X-MS-Exchange-Organization-SCL: 6", "X-Microsoft-Antispam: BCL:4;", clean)
                + "From e " + SEP_DATE + "\n" + message("b\n", "From: blocked@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:4;", "X-Forefront-Antispam-Report: SCL:6;SFV:BLK;")
                + "From f " + SEP_DATE + "\n" + message("b\n", "From: clean@x.example", "Date: " + DATE,
                "X-MS-Exchange-Organization-SCL: 1", "X-Microsoft-Antispam: BCL:1;", clean);
        file(dir, "mail/Archive.mbox", mbox);
        file(dir, "mail/Inbox.mbox", mbox.replace("@x.example", "@inbox.example"));
        file(dir, "mail/Deleted Items/1.eml", message("b\n", "From: deleted@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:5;", "X-Microsoft-Antispam-Mailbox-Delivery: dest:J;"));
        file(dir, "mail/Maildir/.Trash/cur/1794472200.M1P1.mx:2,S", message("b\n", "Return-Path: <trash@x.example>",
                "From: trash@x.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;", clean));
        file(dir, "mail/Maildir/cur/1794472201.M2P1.mx:2,S", message("b\n", "Return-Path: <in@x.example>",
                "From: in@x.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;", clean));
        file(dir, "mail/[Gmail].sbd/Trash", "From g " + SEP_DATE + "\n" + message("b\n", "From: gmail-trash@x.example",
                "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;", clean));
        file(dir, "mail/Deleted Messages.mbox", "From h " + SEP_DATE + "\n" + message("b\n", "From: apple-deleted@x.example",
                "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;", clean));
        file(dir, "mail/Bulk Mail/1.eml", message("b\n", "From: yahoo-bulk@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:5;", clean, "X-Microsoft-Antispam-Mailbox-Delivery: dest:I;"));

        run(cache, dir.resolve("mail"));

        assertThat(bulkRows(cache)).containsExactly(
                "apple-deleted@x.example 2026-11-12 bcl=5 deleted=1",
                "blocked@inbox.example 2026-11-12 bcl=4 inbox=1",
                "blocked@x.example 2026-11-12 bcl=4 junk=1",
                "clean@inbox.example 2026-11-12 bcl=1 inbox=1",
                "clean@x.example 2026-11-12 bcl=1 inbox=1",
                "deleted@x.example 2026-11-12 bcl=5 deleted=1",
                "dest-c-catbulk@inbox.example 2026-11-12 bcl=6 inbox=1",
                "dest-c-catbulk@x.example 2026-11-12 bcl=6 junk=1",
                "dest-i-spam@inbox.example 2026-11-12 bcl=5 inbox=1",
                "dest-i-spam@x.example 2026-11-12 bcl=5 inbox=1",
                "gmail-trash@x.example 2026-11-12 bcl=5 deleted=1",
                "in@x.example 2026-11-12 bcl=5 inbox=1",
                "org-scl@inbox.example 2026-11-12 bcl=4 inbox=1",
                "org-scl@x.example 2026-11-12 bcl=4 junk=1",
                "srv-bulk@inbox.example 2026-11-12 bcl=7 inbox=1",
                "srv-bulk@x.example 2026-11-12 bcl=7 junk=1",
                "trash@x.example 2026-11-12 bcl=5 deleted=1",
                "yahoo-bulk@x.example 2026-11-12 bcl=5 junk=1");
    }

    @Test
    void safeAndBlockedSenderVerdictsAreFeedbackOfTheSenderOnTheMessagesDay() throws Exception {
        String first = "From a " + SEP_DATE + "\n" + message("b\n", "From: Friends <Friend@shop.example>", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:5;", "X-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:-1;SRV:BULK;SFV:SFE;CAT:BULK;",
                "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:I;")
                + "From b " + SEP_DATE + "\n" + message("b\n", "From: pest@spam.example", "Date: Fri, 13 Nov 2026 09:00:00 +0000",
                "X-Microsoft-Antispam: BCL:8;", "X-Forefront-Antispam-Report: CIP:203.0.113.9;SCL:6;SFV:BLK;",
                "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;")
                + "From c " + SEP_DATE + "\n" + message("b\n", "From: plain@shop.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:5;", "X-Forefront-Antispam-Report: SCL:1;SFV:NSPM;")
                // Safe-listed, but without a BCL: skipped, and so no feedback either.
                + "From d " + SEP_DATE + "\n" + message("b\n", "From: nobcl@shop.example", "Date: " + DATE,
                "X-Forefront-Antispam-Report: SCL:-1;SFV:SFE;");
        Path mbox = file(dir, "export/Mail.mbox", first);

        ImportSummary s = run(cache, mbox);

        assertThat(bulkRows(cache)).containsExactly(
                "friend@shop.example 2026-11-12 bcl=5 inbox=1",
                "pest@spam.example 2026-11-13 bcl=8 junk=1",
                "plain@shop.example 2026-11-12 bcl=5 inbox=1");
        assertThat(eventRows(cache)).containsExactly(
                "friend@shop.example 2026-11-12 user_allowed=1",
                "pest@spam.example 2026-11-13 user_blocked=1");
        BulkDataset d = ImportTestKit.load(cache);
        assertThat(ImportTestKit.event(d, "friend@shop.example", FeedbackEvent.USER_ALLOWED)).isEqualTo(1);
        assertThat(ImportTestKit.event(d, "pest@spam.example", FeedbackEvent.USER_BLOCKED)).isEqualTo(1);
        assertThat(s.files().get(0).mailbox()).isEqualTo(new ImportSummary.MailboxCounts(0, 1, 1));
        assertThat(s.describe()).contains("3 bulk messages imported (mbox, 4 messages read, 1 without a BCL skipped, "
                + "1 safe-sender event (SFV:SFE) and 1 blocked-sender event (SFV:BLK) added as feedback)");

        // Imported again: nothing; grown: only the new message's feedback.
        run(cache, mbox);
        Files.writeString(mbox, "From e " + SEP_DATE + "\n" + message("b\n", "From: friend@shop.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:5;", "X-Forefront-Antispam-Report: SCL:-1;SFV:SFE;"), StandardOpenOption.APPEND);
        ImportSummary grown = run(cache, mbox);
        assertThat(grown.files().get(0).status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(eventRows(cache)).containsExactly(
                "friend@shop.example 2026-11-12 user_allowed=2",
                "pest@spam.example 2026-11-13 user_blocked=1");
    }
}
