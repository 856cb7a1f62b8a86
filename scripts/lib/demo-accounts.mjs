export const DEMO_ACCOUNTS_TEXT = `演示账号（密码均为 demo-2026）：
  admin      系统管理员
  county     县扶贫办
  leader     县领导（包片石桥镇）
  town       乡镇干部（石桥镇）
  town2      乡镇干部（龙泉镇）
  village    村干部（石桥镇杨柳村）
  team       驻村工作队（杨柳村）
  helper     帮扶责任人（杨柳村）
  inspector  督查人员（全县：审查核验表、抽查、入户核查、问题销号；户档只读）`;
