import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { SearchBox } from "@/components/ui/search-box";
import { inputClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/page-guard";
import { ROLE } from "@/lib/domain/codes";
import { ZPageParams } from "@/lib/pagination";
import { searchTextError, zSearchText } from "@/lib/search";
import { findUsers, type UserFilter } from "@/lib/users/queries";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "用户管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("user.manage");
  const params = await searchParams;
  const paging = ZPageParams.parse(params);
  const rawActive = params.active;
  const active = rawActive === "true" || rawActive === "false" ? rawActive : undefined;
  const filter: UserFilter = { q: zSearchText.parse(params.q), role: params.role, active };
  const searchError = searchTextError(filter.q);
  const page = await findUsers(actor, filter, paging);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">用户管理</h1>
        <Link href="/admin/users/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          新建用户
        </Link>
      </div>
      <form className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4" role="search">
        <SearchBox defaultValue={filter.q} placeholder="用户名或姓名" label="用户名或姓名" error={searchError} />
        <select name="role" defaultValue={params.role ?? ""} aria-label="角色" className={inputClass}>
          <option value="">全部角色</option>
          {ROLE.codes.map((code) => (
            <option key={code} value={code}>
              {ROLE.label(code)}
            </option>
          ))}
        </select>
        <select name="active" defaultValue={filter.active ?? ""} aria-label="状态" className={inputClass}>
          <option value="">全部状态</option>
          <option value="true">启用</option>
          <option value="false">停用</option>
        </select>
        <button className="rounded-md border border-slate-300 bg-white px-4 py-2 hover:border-brand-600">查询</button>
      </form>
      {searchError ? null : page.rows.length === 0 ? (
        <EmptyState>没有符合条件的用户</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">用户名</th>
                <th className="px-3 py-2">姓名</th>
                <th className="px-3 py-2">角色</th>
                <th className="px-3 py-2">管辖范围</th>
                <th className="px-3 py-2">状态</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((user) => (
                <tr key={user.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link className="text-brand-700 underline-offset-2 hover:underline" href={`/admin/users/${user.id}`}>
                      {user.username}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{user.displayName}</td>
                  <td className="px-3 py-2">{ROLE.label(user.role as never)}</td>
                  <td className="px-3 py-2">
                    {user.region.name}
                    {user.leaderTownships.length ? `（包片：${user.leaderTownships.map((t) => t.name).join("、")}）` : ""}
                  </td>
                  <td className="px-3 py-2">{user.active ? "启用" : <span className="text-red-600">停用</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={{ q: filter.q, role: params.role, active: filter.active }} />
    </div>
  );
}
