/** Every audited action, with the Chinese wording shown in histories. */
export const AUDIT_ACTION_LABELS = {
  "auth.signIn": "登录",
  "auth.signOut": "退出登录",
  "user.create": "创建用户",
  "user.update": "修改用户",
  "user.disable": "停用用户",
  "user.enable": "启用用户",
  "user.resetPassword": "重置密码",
  "user.signOutEverywhere": "强制下线",
  "settings.update": "修改设置",
  "povertyLine.update": "修改贫困线",
  "household.create": "新建户档",
  "household.update": "修改户档",
  "member.create": "新增成员",
  "member.update": "修改成员",
  "member.end": "成员减少",
  "income.save": "保存收入",
  "attachment.upload": "上传佐证材料",
  "idNumber.viewFull": "查看完整身份证号",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
