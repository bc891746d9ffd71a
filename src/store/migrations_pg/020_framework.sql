-- PostgreSQL form of migrations/020_framework.sql (README.md: how the two sets correspond).
-- 020 — the shipped indicator framework (issue 12): 市域产教联合体建设监测指标
-- as the public texts describe it (教职成厅函〔2024〕20号 and the 2023/2024
-- notices on building city consortia), so a consortium can be assessed
-- from day one.  It is data like any imported framework: an office that
-- receives the official framework imports it (docs/monitoring.md, "How to
-- replace the shipped framework") with a later effective_on and sets this
-- one retired — no code changes.
--
-- Tree: 3 first-level indicators (基础性 / 实质性 / 否定性), 16 second-level
-- (the real operation of the consortium 产权清晰 / 组织完善 / 机制健全 /
-- 运行高效, the three lists, the platforms; the four co-operations 合作办学
-- / 合作育人 / 合作就业 / 合作发展 and the five key elements 专业 / 课程 /
-- 教材 / 师资 / 实习实训; the veto branch) and 44 third-level ones, each
-- with its observation point, unit, direction, weight, suggested target and
-- source: computed by a measure of the library (domain/measures.c) with
-- its parameters, or reported by the secretariat with evidence.  Weights
-- of the third level sum to 100 over the non-veto items; a second- or
-- first-level weight is the sum of its children's.  Veto items (否定性)
-- have weight 0, direction le and target 0: any occurrence fails the year.
-- Ids are assigned by the database; parents are found by code.
--
-- PostgreSQL: the same rows with the same ids (framework 1, indicators
-- 1–63).  SQLite numbers the rows of each INSERT … SELECT in the order of
-- its VALUES list; PostgreSQL's planner may hash the join and emit them in
-- another order, so each SELECT here is ORDER BY the code (byte order,
-- COLLATE "C"), which is the order the lists are written in.

INSERT INTO indicator_frameworks(name, name_en, issuer, version, effective_on, applies_to, status,
                                 amber_ratio, description, created_at, updated_at)
VALUES ('市域产教联合体建设监测指标（依据公开文本整理）',
        'City industry-education consortium monitoring indicators (compiled from public texts)',
        '依据教职成厅函〔2024〕20号等公开文本整理', '2024-public', '2024-01-01', 'city', 'active',
        0.8,
        '本指标体系依据市域产教联合体建设标准的公开表述及 2023、2024 年有关通知的公开文本整理，'
        || '用于在正式指标体系下发前开展年度自评；收到正式指标体系后，请导入正式体系并将本体系设为“已停用”。'
        || ' — Derived from the public descriptions of the construction standard for city '
        || 'industry-education consortia and the 2023/2024 notices, for self-assessment until the '
        || 'official framework is issued; import the official framework when received and set this '
        || 'one retired.',
        '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');

-- Level 1.
INSERT INTO indicators(framework_id, parent_id, level, code, name, name_en, observation, unit,
                       direction, weight, veto, source, sort_order, created_at, updated_at)
SELECT f.id, NULL, 1, v.column1, v.column2, v.column3, v.column4, NULL, v.column5, NULL,
       v.column6, 'reported', v.column7, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM (VALUES
  ('1', '基础性指标', 'Basic indicators', '联合体实体化运行的基础条件', 'ge', 0, 1),
  ('2', '实质性指标', 'Substantive indicators', '产教融合的实质合作与成效', 'ge', 0, 2),
  ('3', '否定性指标', 'Veto indicators', '出现任一情形则当年监测结果为不合格', 'le', 1, 3)) v
JOIN indicator_frameworks f
  ON f.name = '市域产教联合体建设监测指标（依据公开文本整理）' AND f.version = '2024-public'
 AND f.deleted_at IS NULL
ORDER BY v.column1 COLLATE "C";

-- Level 2.
INSERT INTO indicators(framework_id, parent_id, level, code, name, name_en, observation, unit,
                       direction, weight, veto, source, sort_order, created_at, updated_at)
SELECT f.id, (SELECT p.id FROM indicators p WHERE p.framework_id = f.id AND p.code = v.column1
                AND p.deleted_at IS NULL),
       2, v.column2, v.column3, v.column4, v.column5, NULL, v.column6, NULL, v.column7,
       'reported', v.column8, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM (VALUES
  ('1', '1.1', '产权清晰', 'Clear property rights', '共建资产与合作关系有协议、权属明确', 'ge', 0, 1),
  ('1', '1.2', '组织完善', 'Complete organisation', '理事会与成员单位构成完整', 'ge', 0, 2),
  ('1', '1.3', '机制健全', 'Sound mechanisms', '议事决策机制运转', 'ge', 0, 3),
  ('1', '1.4', '运行高效', 'Efficient operation', '年度工作按计划推进，有稳定投入', 'ge', 0, 4),
  ('1', '1.5', '三张清单', 'The three lists', '核心产品、技术需求、人才需求三张清单按期发布', 'ge', 0, 5),
  ('1', '1.6', '平台建设', 'Platforms', '产教融合实践中心等共享平台建成并使用', 'ge', 0, 6),
  ('2', '2.1', '合作办学', 'Joint running of schools', '校企共同举办专业与班级', 'ge', 0, 1),
  ('2', '2.2', '合作育人', 'Joint education', '学生在企业实习、取得技能等级证书', 'ge', 0, 2),
  ('2', '2.3', '合作就业', 'Joint employment', '毕业生在联合体内就业，供需匹配', 'ge', 0, 3),
  ('2', '2.4', '合作发展', 'Joint development', '技术攻关、成果转化与职工培训', 'ge', 0, 4),
  ('2', '2.5', '专业', 'Majors', '专业设置对接区域产业', 'ge', 0, 5),
  ('2', '2.6', '课程', 'Courses', '校企共同开发课程', 'ge', 0, 6),
  ('2', '2.7', '教材', 'Teaching materials', '校企共同开发新形态教材', 'ge', 0, 7),
  ('2', '2.8', '师资', 'Teaching staff', '双师队伍与校企人员互聘', 'ge', 0, 8),
  ('2', '2.9', '实习实训', 'Internship and practical training', '实训基地共享与使用', 'ge', 0, 9),
  ('3', '3.1', '否定性事项', 'Veto items', '当年发生下列任一情形', 'le', 1, 1)) v
JOIN indicator_frameworks f
  ON f.name = '市域产教联合体建设监测指标（依据公开文本整理）' AND f.version = '2024-public'
 AND f.deleted_at IS NULL
ORDER BY v.column2 COLLATE "C";

-- Level 3: parent, code, name, name_en, observation, unit, direction, weight,
-- veto, source, measure, measure_params, default_target, sort_order.
INSERT INTO indicators(framework_id, parent_id, level, code, name, name_en, observation, unit,
                       direction, weight, veto, source, measure, measure_params, default_target,
                       sort_order, created_at, updated_at)
SELECT f.id, (SELECT p.id FROM indicators p WHERE p.framework_id = f.id AND p.code = v.column1
                AND p.deleted_at IS NULL),
       3, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9,
       v.column10, v.column11, v.column12, v.column13, v.column14,
       '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM (VALUES
  ('1.1', '1.1.1', '合作协议', 'Co-operation agreements',
   '当年签订（已签约、履行中或已到期）的各类合作协议数', '项', 'ge', 3, 0, 'computed', 'agreements', '{}', 5, 1),
  ('1.1', '1.1.2', '共建共享设施', 'Co-built shared facilities',
   '截止日在册运行的共建共享设施数', '个', 'ge', 3, 0, 'computed', 'facilities', '{}', 3, 2),
  ('1.1', '1.1.3', '共建资产权属约定', 'Ownership of co-built assets agreed',
   '共建资产的产权、收益与处置约定明确的设施占比（附协议）', '%', 'ge', 2, 0, 'reported', NULL, NULL, 100, 3),
  ('1.2', '1.2.1', '成员单位数', 'Member units',
   '截止日在册成员单位数', '个', 'ge', 3, 0, 'computed', 'members', '{}', 30, 1),
  ('1.2', '1.2.2', '企业成员数', 'Member enterprises',
   '截止日在册的企业成员单位数', '个', 'ge', 3, 0, 'computed', 'members', '{"type":"enterprise"}', 20, 2),
  ('1.2', '1.2.3', '理事单位数', 'Council member units',
   '截止日在任的理事单位数', '个', 'ge', 2, 0, 'computed', 'council_seats', '{"role":"council_member"}', 10, 3),
  ('1.3', '1.3.1', '理事会会议', 'Council meetings',
   '当年召开理事会会议次数', '次', 'ge', 3, 0, 'computed', 'meetings_held', '{"kind":"council"}', 2, 1),
  ('1.3', '1.3.2', '表决通过事项', 'Motions passed',
   '当年会议表决通过的议题数', '项', 'ge', 2, 0, 'computed', 'motions_passed', '{}', 4, 2),
  ('1.3', '1.3.3', '管理制度', 'Rules in force',
   '章程之外已印发的管理制度数', '项', 'ge', 1, 0, 'reported', NULL, NULL, 5, 3),
  ('1.4', '1.4.1', '年度工作计划完成率', 'Work plan completion',
   '当年工作计划事项中已完成事项的占比', '%', 'ge', 3, 0, 'computed', 'work_plan_completion', '{}', 90, 1),
  ('1.4', '1.4.2', '实体化运行投入', 'Funds for running the consortium',
   '当年用于联合体运行的经费投入', '万元', 'ge', 2, 0, 'reported', NULL, NULL, 100, 2),
  ('1.5', '1.5.1', '核心产品清单', 'Core products list',
   '当年发布核心产品清单的次数', '份', 'ge', 1, 0, 'computed', 'lists_published', '{"kind":"core_products"}', 1, 1),
  ('1.5', '1.5.2', '技术需求清单', 'Technology needs list',
   '当年发布技术需求清单的次数', '份', 'ge', 1, 0, 'computed', 'lists_published', '{"kind":"tech_needs"}', 1, 2),
  ('1.5', '1.5.3', '人才需求清单', 'Talent needs list',
   '当年发布人才需求清单的次数', '份', 'ge', 1, 0, 'computed', 'lists_published', '{"kind":"talent_needs"}', 1, 3),
  ('1.5', '1.5.4', '发布人才需求人数', 'Talent demand published',
   '当年发布的企业人才需求人数', '人', 'ge', 3, 0, 'computed', 'demand_published', '{}', 500, 4),
  ('1.6', '1.6.1', '产教融合实践中心', 'Practice centres',
   '截止日在册运行的市域产教融合实践中心/公共实训基地数', '个', 'ge', 3, 0, 'computed', 'facilities', '{"kind":"practice_center"}', 1, 1),
  ('1.6', '1.6.2', '实践中心工位使用率', 'Facility use rate',
   '当年共享设施已批准与已完成预约的工位时数占开放工位时数的比例', '%', 'ge', 3, 0, 'computed', 'facility_use_rate', '{}', 60, 2),
  ('1.6', '1.6.3', '面向联合体外开放', 'Use by outside units',
   '当年预约中由设施所属单位以外单位预约的占比', '%', 'ge', 1, 0, 'computed', 'facility_outside_use', '{}', 20, 3),
  ('2.1', '2.1.1', '校企共同举办专业', 'Programmes run jointly',
   '截止日在册、有合作企业的专业（项目）数', '个', 'ge', 4, 0, 'computed', 'programs_co_run', '{}', 5, 1),
  ('2.1', '2.1.2', '订单班与学徒制班', 'Order and apprenticeship classes',
   '当年开班的订单班、现代学徒制班、现场工程师班数', '个', 'ge', 3, 0, 'computed', 'cohorts', '{}', 5, 2),
  ('2.1', '2.1.3', '联合培养学生', 'Students in joint classes',
   '当年开班的各类合作班级学生人数', '人', 'ge', 2, 0, 'computed', 'cohort_students', '{}', 200, 3),
  ('2.2', '2.2.1', '实习学生人数', 'Students placed as interns',
   '当年在成员企业实习（已上岗或完成）的学生人数', '人', 'ge', 5, 0, 'computed', 'interns_placed', '{}', 300, 1),
  ('2.2', '2.2.2', '职业技能等级证书', 'Skill-level certificates',
   '当年取得中级工及以上职业技能等级证书的人数', '人', 'ge', 3, 0, 'computed', 'certificates', '{"level_min":"intermediate"}', 200, 2),
  ('2.3', '2.3.1', '毕业生就业人数', 'Graduates employed',
   '当年毕业生就业（含灵活就业、创业）人数', '人', 'ge', 5, 0, 'computed', 'graduates_employed', '{}', 300, 1),
  ('2.3', '2.3.2', '人才需求满足率', 'Gap coverage',
   '当年已发布人才需求中有对口毕业生供给的比例', '%', 'ge', 3, 0, 'computed', 'gap_coverage', '{}', 60, 2),
  ('2.4', '2.4.1', '技术需求对接', 'Technology needs matched',
   '当年发布、已进入对接实施（进行中或已关闭）的技术需求数', '项', 'ge', 2, 0, 'computed', 'tech_needs_matched', '{}', 5, 1),
  ('2.4', '2.4.2', '联合研发项目', 'Joint R&D projects',
   '当年开始实施的联合研发项目数', '项', 'ge', 3, 0, 'computed', 'rd_projects', '{}', 5, 2),
  ('2.4', '2.4.3', '专利与标准', 'Patents and standards',
   '当年取得的专利、软件著作权与标准等成果数', '项', 'ge', 3, 0, 'computed', 'rd_outputs', '{}', 5, 3),
  ('2.4', '2.4.4', '成果转化收入', 'Technology transfer revenue',
   '当年成果转化取得的收入', '万元', 'ge', 2, 0, 'computed', 'transfer_revenue', '{}', 100, 4),
  ('2.4', '2.4.5', '职工培训人次', 'Worker training person-times',
   '当年面向企业职工与社会开展培训的人次', '人次', 'ge', 2, 0, 'computed', 'training_person_times', '{}', 5000, 5),
  ('2.5', '2.5.1', '对接产业专业调整', 'Majors aligned with industry',
   '当年新设或调整、对接区域主导产业的专业数（附文件）', '个', 'ge', 3, 0, 'reported', NULL, NULL, 3, 1),
  ('2.5', '2.5.2', '对口毕业生供给', 'Graduates supplied',
   '当年成员院校对口专业毕业生人数', '人', 'ge', 1, 0, 'computed', 'supply_published', '{}', 1000, 2),
  ('2.6', '2.6.1', '校企共同开发课程', 'Courses co-developed',
   '有企业参与开发的课程数', '门', 'ge', 4, 0, 'computed', 'courses_co_developed', '{}', 20, 1),
  ('2.7', '2.7.1', '校企共同开发教材', 'Teaching materials co-developed',
   '有企业参与编写的教材数', '部', 'ge', 3, 0, 'computed', 'materials_co_developed', '{}', 10, 1),
  ('2.7', '2.7.2', '活页式教材', 'Loose-leaf materials',
   '有企业参与编写的活页式教材数', '部', 'ge', 1, 0, 'computed', 'materials_co_developed', '{"kind":"loose_leaf"}', 3, 2),
  ('2.8', '2.8.1', '双师型教师占比', 'Dual-qualified teachers',
   '专任教师中双师型教师的占比', '%', 'ge', 4, 0, 'computed', 'dual_qualified_share', '{}', 60, 1),
  ('2.8', '2.8.2', '产业导师', 'Industry mentors',
   '在册的产业导师人数', '人', 'ge', 2, 0, 'computed', 'mentors', '{}', 50, 2),
  ('2.8', '2.8.3', '教师企业实践', 'Teachers'' practice in enterprises',
   '当年教师到企业实践的人日数', '人日', 'ge', 2, 0, 'computed', 'secondment_days', '{"direction":"to_enterprise"}', 1000, 3),
  ('2.9', '2.9.1', '实训基地培训人次', 'Person-times trained at facilities',
   '当年共享设施已完成预约的培训人次', '人次', 'ge', 2, 0, 'computed', 'bookings_done_person_times', '{}', 3000, 1),
  ('2.9', '2.9.2', '实训基地', 'Training bases',
   '截止日在册运行的实训基地数', '个', 'ge', 1, 0, 'computed', 'facilities', '{"kind":"training_base"}', 3, 2),
  ('3.1', '3.1.1', '重大安全责任事故', 'Major safety accident',
   '当年发生重大安全责任事故的起数', '起', 'le', 0, 1, 'reported', NULL, NULL, 0, 1),
  ('3.1', '3.1.2', '违规收费', 'Unlawful charging',
   '当年查实违规向学生或企业收费的起数', '起', 'le', 0, 1, 'reported', NULL, NULL, 0, 2),
  ('3.1', '3.1.3', '学生实习权益严重受损', 'Serious harm to interns'' rights',
   '当年查实学生实习权益严重受损的起数', '起', 'le', 0, 1, 'reported', NULL, NULL, 0, 3),
  ('3.1', '3.1.4', '数据造假', 'Falsified data',
   '当年查实监测或申报数据造假的起数', '起', 'le', 0, 1, 'reported', NULL, NULL, 0, 4)) v
JOIN indicator_frameworks f
  ON f.name = '市域产教联合体建设监测指标（依据公开文本整理）' AND f.version = '2024-public'
 AND f.deleted_at IS NULL
ORDER BY v.column2 COLLATE "C";

-- A second- or first-level weight is the sum of its children's.
UPDATE indicators SET weight = (SELECT sum(c.weight) FROM indicators c WHERE c.parent_id = indicators.id
                                  AND c.deleted_at IS NULL)
WHERE level = 2 AND framework_id = (SELECT id FROM indicator_frameworks
    WHERE name = '市域产教联合体建设监测指标（依据公开文本整理）' AND version = '2024-public');
UPDATE indicators SET weight = (SELECT sum(c.weight) FROM indicators c WHERE c.parent_id = indicators.id
                                  AND c.deleted_at IS NULL)
WHERE level = 1 AND framework_id = (SELECT id FROM indicator_frameworks
    WHERE name = '市域产教联合体建设监测指标（依据公开文本整理）' AND version = '2024-public');

-- An indicator sheet names a parent by its code within the framework (one
-- sheet holds a whole framework, parents before children): the code is
-- kept beside parent_id, which domain/framework.c resolves from it in the
-- import's own transaction and keeps in step on every write.
ALTER TABLE indicators ADD COLUMN parent_code text COLLATE "C";
UPDATE indicators SET parent_code = (SELECT p.code FROM indicators p WHERE p.id = indicators.parent_id)
WHERE parent_id IS NOT NULL;
