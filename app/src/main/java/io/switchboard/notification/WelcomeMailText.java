package io.switchboard.notification;

/** The words of the welcome mail, in English and Simplified Chinese (X7). */
record WelcomeMailText(String subject, String body) {

    static WelcomeMailText of(String number, String displayName, String email, String publicBaseUrl) {
        String name = displayName == null ? "" : " " + displayName;
        String softphone = publicBaseUrl + "/client/";
        String subject = "Your phone extension " + number + " is ready / 您的分机 " + number + " 已开通";
        String body = "Hello" + name + ",\n\n"
                + "Your phone extension on the company PBX is " + number + ".\n\n"
                + "How to sign in:\n"
                + "  1. Open the softphone web client at " + softphone + "\n"
                + "     (or install the mobile softphone app and enter that address).\n"
                + "  2. Choose \"Sign in with Microsoft\" and use your work account " + email + ".\n"
                + "  3. Colleagues reach you by dialling " + number + ".\n\n"
                + "If you did not expect this mail, tell your PBX administrator.\n\n"
                + "----\n\n"
                + "您好" + name + "，\n\n"
                + "您在公司 PBX 上的分机号码是 " + number + "。\n\n"
                + "登录方法：\n"
                + "  1. 打开软电话网页版 " + softphone + "\n"
                + "     （或安装手机软电话应用并输入该地址）。\n"
                + "  2. 选择“使用 Microsoft 登录”，使用您的工作账户 " + email + "。\n"
                + "  3. 同事拨打 " + number + " 即可联系您。\n\n"
                + "如果您没有预期收到此邮件，请联系 PBX 管理员。\n";
        return new WelcomeMailText(subject, body);
    }
}
