package dev.inkan.core.vetting;

/**
 * The vetting team's roles, after the registration authority roles of seed 004 §5.2.1 (審査担当者, 審査承認者,
 * 登録局管理者, 内部監査者). Each page and action names the one role it needs.
 */
public enum StaffRole {
    /** 審査担当者: makes and records the checks; returns applications for resubmission. */
    VETTING_OFFICER,
    /** 審査承認者: approves or rejects a checked application; never the one who checked it. */
    APPROVER,
    /** 登録局管理者: manages staff and suspends or reinstates organizations. */
    RA_ADMINISTRATOR,
    /** 内部監査者: reads and exports vetting files; changes nothing. */
    AUDITOR
}
